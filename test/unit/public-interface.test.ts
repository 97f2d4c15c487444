// Node, resource, operation and parameter names are stored in users' workflow JSON. These tests
// pin them (a rename must fail here and go through node versioning instead), and check that the
// code reads no parameter the description does not declare.
import * as fs from 'fs';
import * as path from 'path';
import { Workflow, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { NmbrsApi } from '../../credentials/NmbrsApi.credentials';
import { NmbrsOAuth2Api } from '../../credentials/NmbrsOAuth2Api.credentials';
import { TimeChimpApi } from '../../credentials/TimeChimpApi.credentials';
import { Nmbrs } from '../../nodes/Nmbrs/Nmbrs.node';
import { TimeChimp } from '../../nodes/TimeChimp/TimeChimp.node';
import { TimeChimpTrigger } from '../../nodes/TimeChimpTrigger/TimeChimpTrigger.node';

function operationsByResource(description: INodeTypeDescription): Record<string, string[]> {
	const result: Record<string, string[]> = {};
	for (const p of description.properties.filter((p) => p.name === 'operation')) {
		const resource = (p.displayOptions?.show?.resource as string[])[0];
		result[resource] = (p.options as Array<{ value: string }>).map((o) => o.value).sort();
	}
	return result;
}

function parameterNames(
	description: INodeTypeDescription,
	resource: string,
	operation: string,
): string[] {
	const shown = (p: INodeProperties) => {
		const show = p.displayOptions?.show;
		return (
			!show ||
			((show.resource as string[] | undefined)?.includes(resource) !== false &&
				(show.operation as string[] | undefined)?.includes(operation) !== false)
		);
	};
	return description.properties
		.filter((p) => !['resource', 'operation'].includes(p.name) && p.type !== 'notice' && shown(p))
		.flatMap((p) =>
			p.type === 'collection'
				? (p.options as INodeProperties[]).map((o) => `${p.name}.${o.name}`)
				: [p.name],
		)
		.sort();
}

describe('Nmbrs node public interface', () => {
	const description = new Nmbrs().description;

	it('keeps its node name, version and credentials, one per Authentication choice', () => {
		expect([
			description.name,
			description.version,
			description.credentials?.map((c) => [c.name, c.displayOptions?.show?.authentication]),
		]).toEqual([
			'nmbrs',
			1,
			[
				['nmbrsApi', ['apiToken']],
				['nmbrsOAuth2Api', ['oAuth2']],
			],
		]);
		const authentication = description.properties.find((p) => p.name === 'authentication')!;
		// SOAP stays the default, so workflows saved before REST existed keep their meaning.
		expect(authentication.default).toBe('apiToken');
		expect((authentication.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'apiToken',
			'oAuth2',
		]);
	});

	it('keeps its resources and operations', () => {
		expect(operationsByResource(description)).toEqual({
			company: ['getCurrentPeriod', 'getMany'],
			hourCode: ['getMany'],
			employee: ['getMany'],
			hours: ['export', 'get'],
		});
	});

	it('keeps the Hours → Export parameters', () => {
		expect(parameterNames(description, 'hours', 'export')).toEqual(
			[
				'authentication',
				'company',
				'employee',
				'hourCode',
				'hours',
				'date',
				'payrollPeriod',
				'year',
				'period',
				'preview',
				'pastPeriods',
				'options.managedHourCodes',
				'options.employeeScope',
				'options.writeMode',
				'options.daysWorked',
				'options.daysWorkedField',
				'options.negativeTotalCodes',
				'options.maxDecreaseHours',
			].sort(),
		);
		const options = description.properties.find(
			(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('export'),
		)!;
		const optionValues = (name: string) =>
			(
				(options.options as INodeProperties[]).find((o) => o.name === name)!.options as Array<{
					value: string;
				}>
			).map((o) => o.value);
		expect(optionValues('employeeScope')).toEqual(['input', 'inputAndExported', 'allEmployees']);
		expect(optionValues('writeMode')).toEqual(['correctionLines', 'replaceRows']);
		// Fields that do not apply stay hidden: the days field only with Days Worked "From Field",
		// Year and Period Number only for a specific period.
		const option = (name: string) =>
			(options.options as INodeProperties[]).find((o) => o.name === name)!;
		expect(option('daysWorkedField').displayOptions).toEqual({ show: { daysWorked: ['field'] } });
		for (const name of ['year', 'period'])
			expect(
				description.properties.find(
					(p) => p.name === name && p.displayOptions?.show?.operation?.includes('export'),
				)!.displayOptions?.show?.payrollPeriod,
			).toEqual(['specific']);
		const values = (name: string) =>
			(
				description.properties.find(
					(p) => p.name === name && p.displayOptions?.show?.operation?.includes('export'),
				)!.options as Array<{ value: string }>
			).map((o) => o.value);
		expect(values('payrollPeriod')).toEqual(['current', 'previous', 'specific', 'fromDate']);
		expect(values('pastPeriods')).toEqual(['stop', 'allowChanges', 'bookInCurrentPeriod']);
		const employee = description.properties.find((p) => p.name === 'employee')!;
		expect([employee.type, employee.modes!.map((m) => m.name)]).toEqual([
			'resourceLocator',
			['list', 'employeeNumber', 'employeeId', 'email'],
		]);
		const hourCode = description.properties.find((p) => p.name === 'hourCode')!;
		expect([hourCode.type, hourCode.typeOptions?.loadOptionsMethod]).toEqual([
			'options',
			'getHourCodes',
		]);
	});

	it("keeps the other operations' parameters", () => {
		expect(parameterNames(description, 'company', 'getMany')).toEqual([
			'authentication',
			'limit',
			'returnAll',
		]);
		expect(parameterNames(description, 'company', 'getCurrentPeriod')).toEqual([
			'authentication',
			'company',
		]);
		expect(parameterNames(description, 'hourCode', 'getMany')).toEqual([
			'authentication',
			'company',
			'hourModel',
			'limit',
			'returnAll',
		]);
		expect(parameterNames(description, 'employee', 'getMany')).toEqual([
			'authentication',
			'company',
			'limit',
			'options.includeWithoutEmail',
			'options.onlyActive',
			'options.referenceDate',
			'returnAll',
		]);
		expect(parameterNames(description, 'hours', 'get')).toEqual([
			'authentication',
			'company',
			'employee',
			'payrollPeriod',
			'period',
			'year',
		]);
	});

	it('opens on a read, says what it does in words, and is found by payroll words', () => {
		const defaultOf = (name: string, resource?: string) =>
			description.properties.find(
				(p) =>
					p.name === name &&
					(resource === undefined || p.displayOptions?.show?.resource?.includes(resource)),
			)!.default;
		expect([defaultOf('resource'), defaultOf('operation', 'company')]).toEqual([
			'company',
			'getMany',
		]);
		expect(defaultOf('operation', 'hours')).toBe('get');
		expect(description.subtitle).toContain('"Get Current Period"');
		const codex = JSON.parse(
			fs.readFileSync(path.join(__dirname, '../../nodes/Nmbrs/Nmbrs.node.json'), 'utf8'),
		);
		expect(codex.categories).toEqual(['Finance & Accounting']);
		expect(codex.alias).toEqual(
			expect.arrayContaining([
				'payroll',
				'salary',
				'hours',
				'timesheet',
				'employee',
				'HR',
				'loonadministratie',
				'uren',
			]),
		);
	});
});

describe('TimeChimp nodes public interface', () => {
	it('keeps resources and operations', () => {
		expect(new TimeChimp().description.name).toBe('timeChimp');
		expect(operationsByResource(new TimeChimp().description)).toEqual({
			timeEntry: ['getMany'],
			user: ['create', 'getMany', 'update', 'upsert'],
			task: ['getMany'],
		});
		// Payroll defaults: every page, and every entry approved or later (Invoiced, Written Off).
		const getMany = new TimeChimp().description.properties.filter(
			(p) =>
				p.displayOptions?.show?.operation?.includes('getMany') &&
				p.displayOptions?.show?.resource?.includes('timeEntry'),
		);
		const param = (name: string) => getMany.find((p) => p.name === name)!;
		expect(getMany.map((p) => p.name)).toEqual([
			'returnAll',
			'limit',
			'status',
			'simplify',
			'filters',
		]);
		expect([param('returnAll').default, param('status').default]).toEqual([true, 'approvedOnward']);
		expect((param('status').options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'any',
			'Approved',
			'approvedOnward',
			'Invoiced',
			'Open',
			'PendingApproval',
			'Rejected',
			'WrittenOff',
		]);
		expect((param('filters').options as INodeProperties[]).map((o) => o.name)).toEqual([
			'dateFrom',
			'dateTo',
			'userId',
		]);
		const trigger = new TimeChimpTrigger().description;
		expect([trigger.name, trigger.polling, trigger.properties.map((p) => p.name).sort()]).toEqual([
			'timeChimpTrigger',
			true,
			['approvedOnly', 'event'],
		]);
	});
});

describe('credential public interface', () => {
	// Field names are stored in users' saved credentials, like parameter names in workflows.
	it.each([
		[
			new NmbrsApi(),
			'nmbrsApi',
			['administration', 'apiToken', 'baseUrl', 'callsPerSecond', 'domain', 'email', 'environment'],
		],
		[
			new NmbrsOAuth2Api(),
			'nmbrsOAuth2Api',
			[
				'accessTokenUrl',
				'administration',
				'apiUrl',
				'authQueryParameters',
				'authUrl',
				'authentication',
				'callsPerSecond',
				'environment',
				'grantType',
				'identityUrl',
				'scope',
				'subscriptionKey',
			],
		],
		[new TimeChimpApi(), 'timeChimpApi', ['apiToken', 'baseUrl']],
	])('%#: %s keeps its field names', (credential, name, fields) => {
		expect([credential.name, credential.properties.map((p) => p.name).sort()]).toEqual([
			name,
			fields,
		]);
	});

	it("the OAuth2 credential extends n8n's oAuth2Api with the authorization-code grant", () => {
		const credential = new NmbrsOAuth2Api();
		const field = (name: string) => credential.properties.find((p) => p.name === name)!;
		expect([credential.extends, field('grantType').default]).toEqual([
			['oAuth2Api'],
			'authorizationCode',
		]);
		expect(String(field('scope').default).split(' ')).toContain('offline_access');
	});
});

describe('parameters read by the code are declared', () => {
	const files = (dir: string): string[] =>
		fs
			.readdirSync(dir, { withFileTypes: true })
			.flatMap((e) =>
				e.isDirectory()
					? files(path.join(dir, e.name))
					: e.name.endsWith('.ts')
						? [path.join(dir, e.name)]
						: [],
			);
	it.each([
		['Nmbrs', new Nmbrs().description],
		['TimeChimp', new TimeChimp().description],
		['TimeChimpTrigger', new TimeChimpTrigger().description],
	])('%s', (folder, description) => {
		const declared = new Set(description.properties.map((p) => p.name));
		const used = new Set<string>();
		for (const file of files(path.join(__dirname, '../../nodes', folder))) {
			for (const m of fs.readFileSync(file, 'utf8').matchAll(/getNodeParameter\(\s*'([\w]+)'/g))
				used.add(m[1]);
		}
		expect(used.size).toBeGreaterThan(0);
		expect([...used].filter((name) => !declared.has(name))).toEqual([]);
	});
});

describe('TimeChimp nodes: n8n-native UX (defaults, Simplify, subtitle, codex)', () => {
	const description = new TimeChimp().description;
	const trigger = new TimeChimpTrigger().description;
	const typeOf = (type: string) =>
		type.endsWith('Trigger') ? new TimeChimpTrigger() : new TimeChimp();
	const nodeTypes = {
		getByName: typeOf,
		getByNameAndVersion: typeOf,
		getKnownTypes: () => ({}),
	};
	/** The subtitle as n8n's editor computes it: the expression evaluated on the node's parameters. */
	const subtitleOf = (
		subtitle: string,
		parameters: Record<string, string>,
		type = 'n8n-nodes-nmbrs.timeChimp',
	) => {
		const node = {
			id: '1',
			name: 'N',
			type,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters,
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return workflow.expression.getSimpleParameterValue(node, subtitle, 'internal', {});
	};

	it('opens on a read: Time Entry → Get Many; User and Task default to Get Many', () => {
		const resource = description.properties.find((p) => p.name === 'resource')!;
		expect(resource.default).toBe('timeEntry');
		const operations = description.properties.filter((p) => p.name === 'operation');
		expect(
			Object.fromEntries(
				operations.map((p) => [(p.displayOptions!.show!.resource as string[])[0], p.default]),
			),
		).toEqual({ timeEntry: 'getMany', user: 'getMany', task: 'getMany' });
	});

	it('has Simplify, on by default, on Time Entry → Get Many and every User operation', () => {
		const simplify = description.properties.filter((p) => p.name === 'simplify');
		expect(
			simplify.map((p) => [
				p.displayOptions!.show!.resource,
				p.displayOptions!.show!.operation,
				p.type,
				p.default,
				p.displayName,
			]),
		).toEqual([
			[['timeEntry'], ['getMany'], 'boolean', true, 'Simplify'],
			[['user'], ['create'], 'boolean', true, 'Simplify'],
			[['user'], ['getMany'], 'boolean', true, 'Simplify'],
			[['user'], ['update'], 'boolean', true, 'Simplify'],
			[['user'], ['upsert'], 'boolean', true, 'Simplify'],
		]);
	});

	it('shows the subtitle in words', () => {
		expect(subtitleOf(description.subtitle!, { resource: 'timeEntry', operation: 'getMany' })).toBe(
			'Get Many: Time Entry',
		);
		expect(subtitleOf(description.subtitle!, { resource: 'user', operation: 'upsert' })).toBe(
			'Create or Update: User',
		);
		expect(subtitleOf(description.subtitle!, { resource: 'task', operation: 'getMany' })).toBe(
			'Get Many: Task',
		);
		expect(
			subtitleOf(
				trigger.subtitle!,
				{ event: 'newOrUpdatedTimeEntry' },
				'n8n-nodes-nmbrs.timeChimpTrigger',
			),
		).toBe('New or Updated Time Entry');
	});

	it.each([
		['TimeChimp/TimeChimp.node.json', 'n8n-nodes-nmbrs.timeChimp'],
		['TimeChimpTrigger/TimeChimpTrigger.node.json', 'n8n-nodes-nmbrs.timeChimpTrigger'],
	])('codex %s: aliases, an n8n category, the token documentation', (file, node) => {
		const codex = JSON.parse(
			fs.readFileSync(path.join(__dirname, '../../nodes', file), 'utf8'),
		) as Record<string, any>;
		expect(codex.node).toBe(node);
		expect(codex.alias).toEqual([
			'payroll',
			'salary',
			'hours',
			'timesheet',
			'time tracking',
			'employee',
			'HR',
			'loonadministratie',
			'uren',
			'urenregistratie',
		]);
		expect(codex.categories).toEqual(['Productivity']);
		expect(codex.subcategories).toBeUndefined();
		expect(codex.resources.credentialDocumentation).toEqual([
			{ url: new TimeChimpApi().documentationUrl },
		]);
	});
});
