import type { IExecuteFunctions } from 'n8n-workflow';

import type { MatchEmployeeBy } from '../../domain/employees';

const BY_MODE: Record<string, MatchEmployeeBy> = {
	list: 'employeeId',
	employeeId: 'employeeId',
	employeeNumber: 'employeeNumber',
	email: 'email',
};

/** How lines name their employee: the Employee field's mode, the same for every item. */
export function employeeMatchBy(ctx: IExecuteFunctions): MatchEmployeeBy {
	const stored = ctx.getNode().parameters.employee as { mode?: string } | string | undefined;
	return (typeof stored === 'object' && stored?.mode && BY_MODE[stored.mode]) || 'employeeNumber';
}

/** The Employee field of item i: a number, ID or e-mail, as employeeMatchBy says. */
export function employeeOf(ctx: IExecuteFunctions, itemIndex: number): unknown {
	return ctx.getNodeParameter('employee', itemIndex, '', { extractValue: true });
}
