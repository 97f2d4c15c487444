// REST ids are GUIDs; the emulator derives them from the SOAP integer ids, so one row has one
// identity in both APIs: `${prefix}-0000-4000-8000-${id padded to 12 digits}`.

export const GUID_PREFIX = {
	company: '0000c0c0',
	employee: '0000e0e0',
	hour: '0000a0a0',
	debtor: '0000d0d0',
	run: '0000b0b0',
	// Not in the client contract, but every REST id is a GUID.
	contract: '0000f0f0',
	personalInfo: '00009090',
	user: '00001010',
} as const;

export type GuidKind = keyof typeof GUID_PREFIX;

const GUID_SHAPE = /^([0-9a-f]{8})-0000-4000-8000-(\d{12})$/i;

export function guidOf(kind: GuidKind, id: number | string): string {
	const n = Number(id);
	if (!Number.isSafeInteger(n) || n < 0) throw new Error(`guidOf: bad id ${id}`);
	return `${GUID_PREFIX[kind]}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/**
 * The integer id behind a REST GUID of the emulator's shape (any kind), or a plain integer
 * string/number passed through. Throws on anything else.
 */
export function intOf(guidOrInt: string | number): number {
	if (typeof guidOrInt === 'number') {
		if (Number.isSafeInteger(guidOrInt)) return guidOrInt;
	} else {
		const text = guidOrInt.trim();
		if (/^\d+$/.test(text)) return Number(text);
		const m = GUID_SHAPE.exec(text);
		if (m) return Number(m[2]);
	}
	throw new Error(`intOf: ${String(guidOrInt)} is neither an integer id nor an emulator GUID`);
}

/** Strict parse for REST paths and bodies: a GUID of exactly this kind, else undefined. */
export function parseGuid(kind: GuidKind, value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const m = GUID_SHAPE.exec(value.trim());
	if (!m || m[1].toLowerCase() !== GUID_PREFIX[kind]) return undefined;
	return Number(m[2]);
}
