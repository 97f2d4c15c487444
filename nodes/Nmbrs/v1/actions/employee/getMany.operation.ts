import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { calendarDate, todayIn } from '../../../domain/dates';
import { buildEmployeeImport } from '../../../domain/employees';
import { companyIdFor, type NmbrsSession } from '../../helpers/context';
import { companyLocator, returnAllOrLimit } from '../common.descriptions';
import { limited, perItem } from '../perItem';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['employee'], operation: ['getMany'] } },
	[
		companyLocator,
		...returnAllOrLimit('employee'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Include Employees Without Work E-Mail',
					name: 'includeWithoutEmail',
					type: 'boolean',
					default: false,
					description:
						'Whether to output employees who have no work e-mail in Nmbrs, flagged with importable = false. By default they are left out, because a time tracker cannot invite them.',
				},
				{
					displayName: 'Only Active Employees',
					name: 'onlyActive',
					type: 'boolean',
					default: false,
					description: 'Whether to leave out employees without a contract on the reference date',
				},
				{
					displayName: 'Reference Date',
					name: 'referenceDate',
					type: 'dateTime',
					default: '',
					description: 'The date on which a contract makes an employee active. Default: today.',
				},
			],
		},
	],
);

export async function execute(
	this: IExecuteFunctions,
	session: NmbrsSession,
): Promise<INodeExecutionData[]> {
	return await perItem(this, session, async (i) => {
		const companyId = await companyIdFor(this, i, session);
		const options = this.getNodeParameter('options', i, {}) as {
			includeWithoutEmail?: boolean;
			onlyActive?: boolean;
			referenceDate?: string;
		};
		const referenceDate = options.referenceDate
			? calendarDate(options.referenceDate)
			: todayIn('Europe/Amsterdam');
		if (!referenceDate) throw new Error(`Reference Date "${options.referenceDate}" is not a date`);
		const [histories, contracts] = await Promise.all([
			session.api.getPersonalInfoHistories(companyId),
			session.api.getContracts(companyId),
		]);
		const result = buildEmployeeImport(histories, contracts, {
			referenceDate,
			onlyActive: options.onlyActive ?? false,
			includeWithoutEmail: options.includeWithoutEmail ?? false,
		});
		if (result.skipped.length > 0) {
			const verb = options.includeWithoutEmail ? 'flagged as not importable' : 'left out';
			this.addExecutionHints({
				message: `${result.skipped.length} employee(s) of company ${companyId} ${verb}: no work e-mail in Nmbrs (${result.skipped
					.map((s) => s.employeeNumber)
					.join(', ')})`,
				location: 'outputPane',
			});
		}
		return limited(this, i, result.employees).map((e) => ({ companyId, ...e }));
	});
}
