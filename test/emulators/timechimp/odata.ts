// A small OData $filter / $orderby implementation: enough of the grammar for what the
// TimeChimp node sends, strict enough to answer 400 on what the real API would reject.

export type Literal =
	| { kind: 'string'; value: string }
	| { kind: 'number'; value: number }
	| { kind: 'bool'; value: boolean }
	| { kind: 'null' }
	| { kind: 'date' | 'datetime'; value: string };

export type Expr =
	| { kind: 'and' | 'or'; left: Expr; right: Expr }
	| { kind: 'cmp'; op: CmpOp; path: string[]; literal: Literal };

type CmpOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const CMP_OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

export class ODataError extends Error {}

type Token =
	| { type: 'lparen' | 'rparen' }
	| { type: 'word'; text: string }
	| { type: 'literal'; literal: Literal };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^-?\d+(\.\d+)?(?![\d-])/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/;

function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let rest = input;
	while ((rest = rest.replace(/^\s+/, '')).length) {
		let m: RegExpExecArray | null;
		if (rest[0] === '(' || rest[0] === ')') {
			tokens.push({ type: rest[0] === '(' ? 'lparen' : 'rparen' });
			rest = rest.slice(1);
		} else if (rest[0] === "'") {
			let i = 1;
			let value = '';
			for (;;) {
				if (i >= rest.length) throw new ODataError('Unterminated string literal');
				if (rest[i] === "'") {
					if (rest[i + 1] === "'") {
						value += "'";
						i += 2;
						continue;
					}
					break;
				}
				value += rest[i++];
			}
			tokens.push({ type: 'literal', literal: { kind: 'string', value } });
			rest = rest.slice(i + 1);
		} else if ((m = DATETIME.exec(rest))) {
			tokens.push({ type: 'literal', literal: { kind: 'datetime', value: m[0] } });
			rest = rest.slice(m[0].length);
		} else if ((m = DATE.exec(rest))) {
			tokens.push({ type: 'literal', literal: { kind: 'date', value: m[0] } });
			rest = rest.slice(m[0].length);
		} else if ((m = NUMBER.exec(rest))) {
			tokens.push({ type: 'literal', literal: { kind: 'number', value: Number(m[0]) } });
			rest = rest.slice(m[0].length);
		} else if ((m = WORD.exec(rest))) {
			const text = m[0];
			if (text === 'true' || text === 'false')
				tokens.push({ type: 'literal', literal: { kind: 'bool', value: text === 'true' } });
			else if (text === 'null') tokens.push({ type: 'literal', literal: { kind: 'null' } });
			else tokens.push({ type: 'word', text });
			rest = rest.slice(text.length);
		} else {
			throw new ODataError(`Syntax error at '${rest.slice(0, 20)}'`);
		}
	}
	return tokens;
}

/** Parses a $filter; `fields` lists the allowed property paths (e.g. `user/id`). */
export function parseFilter(input: string, fields: ReadonlySet<string>): Expr {
	const tokens = tokenize(input);
	let pos = 0;
	const peekWord = () => {
		const t = tokens[pos];
		return t?.type === 'word' ? t.text : undefined;
	};
	const orExpr = (): Expr => {
		let left = andExpr();
		while (peekWord() === 'or') {
			pos++;
			left = { kind: 'or', left, right: andExpr() };
		}
		return left;
	};
	const andExpr = (): Expr => {
		let left = primary();
		while (peekWord() === 'and') {
			pos++;
			left = { kind: 'and', left, right: primary() };
		}
		return left;
	};
	const primary = (): Expr => {
		const t = tokens[pos++];
		if (!t) throw new ODataError('Unexpected end of $filter');
		if (t.type === 'lparen') {
			const inner = orExpr();
			if (tokens[pos++]?.type !== 'rparen') throw new ODataError("Expected ')'");
			return inner;
		}
		if (t.type !== 'word') throw new ODataError('Expected a property name');
		if (!fields.has(t.text)) throw new ODataError(`Could not find a property named '${t.text}'`);
		const op = tokens[pos++];
		if (op?.type !== 'word' || !CMP_OPS.has(op.text))
			throw new ODataError(`Expected a comparison after '${t.text}'`);
		const lit = tokens[pos++];
		if (lit?.type !== 'literal') throw new ODataError(`Expected a literal after '${op.text}'`);
		return { kind: 'cmp', op: op.text as CmpOp, path: t.text.split('/'), literal: lit.literal };
	};
	const expr = orExpr();
	if (pos !== tokens.length) throw new ODataError('Unexpected text after the $filter expression');
	return expr;
}

export function valueAt(row: unknown, path: string[]): unknown {
	let v: unknown = row;
	for (const key of path)
		v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
	return v;
}

function compare(a: number | string, b: number | string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function evaluate(expr: Expr, row: unknown): boolean {
	if (expr.kind !== 'cmp') {
		return expr.kind === 'and'
			? evaluate(expr.left, row) && evaluate(expr.right, row)
			: evaluate(expr.left, row) || evaluate(expr.right, row);
	}
	const actual = valueAt(row, expr.path);
	const { literal, op } = expr;
	if (literal.kind === 'null' || actual === null || actual === undefined) {
		const bothNull = literal.kind === 'null' && (actual === null || actual === undefined);
		return op === 'eq' ? bothNull : op === 'ne' ? !bothNull : false;
	}
	let c: number;
	if (literal.kind === 'date' || literal.kind === 'datetime') {
		const a = Date.parse(String(actual));
		if (Number.isNaN(a)) return false;
		c = compare(a, Date.parse(literal.value));
	} else if (literal.kind === 'number') {
		c = compare(Number(actual), literal.value);
	} else if (literal.kind === 'bool') {
		if (op !== 'eq' && op !== 'ne') throw new ODataError('Booleans support only eq and ne');
		c = actual === literal.value ? 0 : 1;
	} else {
		c = compare(String(actual), literal.value);
	}
	switch (op) {
		case 'eq':
			return c === 0;
		case 'ne':
			return c !== 0;
		case 'gt':
			return c > 0;
		case 'ge':
			return c >= 0;
		case 'lt':
			return c < 0;
		default:
			return c <= 0;
	}
}

/** `$orderby=a desc,b` → a comparator; unknown fields are rejected. */
export function parseOrderBy(
	input: string,
	fields: ReadonlySet<string>,
): (x: unknown, y: unknown) => number {
	const keys = input.split(',').map((part) => {
		const [field, dir = 'asc', extra] = part.trim().split(/\s+/);
		if (!field || !fields.has(field) || extra !== undefined || !/^(asc|desc)$/i.test(dir)) {
			throw new ODataError(`Invalid $orderby '${part.trim()}'`);
		}
		return { path: field.split('/'), sign: dir.toLowerCase() === 'desc' ? -1 : 1 };
	});
	const norm = (v: unknown): number | string => {
		if (typeof v === 'number') return v;
		if (typeof v === 'boolean') return v ? 1 : 0;
		if (v === null || v === undefined) return '';
		const s = String(v);
		return /^\d{4}-\d{2}-\d{2}T/.test(s) ? Date.parse(s) : s;
	};
	return (x, y) => {
		for (const { path, sign } of keys) {
			const c = compare(norm(valueAt(x, path)), norm(valueAt(y, path)));
			if (c) return c * sign;
		}
		return 0;
	};
}
