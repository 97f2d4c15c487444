import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { totalsByCode } from '../../../domain/diff';
import { hundredthsToHours } from '../../../domain/hours';
import { choosePeriod, periodProblem, type PeriodChoice } from '../../../domain/periods';
import { companyContexts } from '../../../app/companyContext';
import { companyIdFor, type NmbrsSession } from '../../helpers/context';
import { employeeMatchBy, employeeOf } from '../../helpers/employee';
import { companyLocator, employee, periodFields } from '../common.descriptions';
import { perItem } from '../perItem';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['hours'], operation: ['get'] } },
	[companyLocator, employee, ...periodFields(false)],
);

export async function execute(
	this: IExecuteFunctions,
	session: NmbrsSession,
): Promise<INodeExecutionData[]> {
	const contextOf = companyContexts(session.api, employeeMatchBy(this));
	return await perItem(this, session, async (i) => {
		const companyId = await companyIdFor(this, i, session);
		const context = await contextOf(companyId);
		const match = context.matcher.match(employeeOf(this, i));
		if ('problem' in match)
			throw new NodeOperationError(this.getNode(), `${match.problem} [item ${i}]`, {
				itemIndex: i,
			});
		const resolved = choosePeriod(
			this.getNodeParameter('payrollPeriod', i, 'current') as PeriodChoice,
			{ year: this.getNodeParameter('year', i, 0), period: this.getNodeParameter('period', i, 0) },
			context.current,
		);
		if ('problem' in resolved)
			throw new NodeOperationError(this.getNode(), `${resolved.problem} [item ${i}]`, {
				itemIndex: i,
				description: resolved.fix,
			});
		const { year, period } = resolved;
		const problem = periodProblem(year, period, context.current?.type);
		if (problem)
			throw new NodeOperationError(this.getNode(), `${problem} [item ${i}]`, { itemIndex: i });
		const rows = await session.api.getVariableHours(match.employee.employeeId, year, period);
		return {
			companyId,
			employeeId: match.employee.employeeId,
			employeeNumber: match.employee.employeeNumber,
			employeeName: match.employee.displayName,
			year,
			period,
			rows: rows.map((r) => ({
				id: r.id,
				hourCode: r.hourCode,
				hours: hundredthsToHours(r.hundredths),
			})),
			totals: [...totalsByCode(rows)].map(([hourCode, h]) => ({
				hourCode,
				hours: hundredthsToHours(h),
			})),
		};
	});
}
