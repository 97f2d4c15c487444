import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import {
	lineKey,
	negativeTotals,
	type ExportLine,
	type PeriodMarker,
} from '../../../domain/exportPlan';
import { hundredthsToHours } from '../../../domain/hours';
import { parseHoursToMillionths } from '../../../domain/hours';
import { calendarDate } from '../../../domain/dates';
import {
	choosePeriod,
	dateInPeriod,
	periodKey,
	periodProblem,
	type PeriodChoice,
} from '../../../domain/periods';
import type { CompanyContext } from '../../../app/companyContext';
import { companyIdFor, type NmbrsSession } from '../../helpers/context';
import { employeeOf } from '../../helpers/employee';
import { toNodeError } from '../../helpers/errors';

export interface RejectedLine {
	itemIndex: number;
	error: Error;
	/** Rejected only because another line of the same employee and period is bad. */
	derived?: boolean;
}

/**
 * Reads every input item into a validated export line. Lines that fail, and with them every
 * other line of the same employee and period (a partial total would be wrong), are rejected.
 */
export async function readExportLines(
	ctx: IExecuteFunctions,
	session: NmbrsSession,
	contextOf: (companyId: string) => Promise<CompanyContext>,
	options: { daysWorked?: string; daysWorkedField?: string; negativeTotalCodes?: Set<number> },
): Promise<{ lines: ExportLine[]; rejected: RejectedLine[]; markers: PeriodMarker[] }> {
	const lines: ExportLine[] = [];
	const markers: PeriodMarker[] = [];
	const rejected: RejectedLine[] = [];
	const poisoned = new Map<string, number>();
	const items = ctx.getInputData();
	for (let i = 0; i < items.length; i++) {
		const fail = (message: string, description: string) => {
			throw new NodeOperationError(ctx.getNode(), `${message} [item ${i}]`, {
				itemIndex: i,
				description,
			});
		};
		let keyOfLine: string | undefined;
		try {
			const companyId = await companyIdFor(ctx, i, session);
			const context = await contextOf(companyId);
			const periodOf = (date?: string) =>
				choosePeriod(
					ctx.getNodeParameter('payrollPeriod', i, 'current') as PeriodChoice,
					{
						year: ctx.getNodeParameter('year', i, 0),
						period: ctx.getNodeParameter('period', i, 0),
						date,
					},
					context.current,
				);
			if (Object.keys(items[i].json).length === 0) {
				// An empty item (Always Output Data on an empty source): no line, but its period is
				// reconciled, so hours withdrawn from the whole period still come back out.
				const at = periodOf();
				if ('problem' in at) fail(at.problem, at.fix);
				markers.push({ itemIndex: i, companyId, ...(at as { year: number; period: number }) });
				continue;
			}
			const match = context.matcher.match(employeeOf(ctx, i));
			if ('problem' in match)
				fail(
					match.problem,
					'Check the Employee field and how it names employees (employee number, ID or work e-mail); Employee → Get Many lists the employees of the company.',
				);
			const employeeId = (match as { employee: { employeeId: string } }).employee.employeeId;

			const rawDate = String(ctx.getNodeParameter('date', i, '') ?? '').trim();
			const date = rawDate === '' ? undefined : calendarDate(rawDate);
			if (rawDate !== '' && date === undefined) {
				fail(
					`Date "${rawDate.slice(0, 40)}" is not a date`,
					'Give the date as yyyy-mm-dd (a date-time such as 2026-10-01T08:00:00 is fine too), or leave Date empty.',
				);
			}
			const resolved = periodOf(date);
			if ('problem' in resolved) fail(resolved.problem, resolved.fix);
			const { year, period } = resolved as { year: number; period: number };
			keyOfLine = lineKey({ companyId, employeeId, year, period });
			const problem = periodProblem(year, period, context.current?.type);
			if (problem)
				fail(problem, 'Check the Period field (and Year and Period Number for a specific period).');

			const rawCode = ctx.getNodeParameter('hourCode', i);
			const codeText = String(rawCode ?? '').trim();
			const hourCode = /^\d+$/.test(codeText) ? Number(codeText) : NaN;
			if (Number.isNaN(hourCode))
				fail(
					`Hour Code "${codeText}" is not a whole number`,
					'Map the Hour Code field to a numeric Nmbrs hour code.',
				);
			if (!(await context.hourCodes()).has(hourCode)) {
				fail(
					`Hour code ${hourCode} is not in the hour models of ${await context.label()}`,
					'Use a code from Hour Code → Get Many, or add it to the hour model in Nmbrs.',
				);
			}

			const rawHours = ctx.getNodeParameter('hours', i);
			const millionths = parseHoursToMillionths(rawHours);
			if (millionths === undefined)
				fail(
					`Hours "${String(rawHours)}" is not a number`,
					'Hours must be a number such as 7.5 or "7,5".',
				);

			if (date !== undefined && !dateInPeriod(date, { year, period }, context.current?.type)) {
				fail(
					`Date ${date} is not in period ${periodKey({ year, period })}`,
					'Export each line into the period its date falls in: correct the date, or the Period field ("From Each Line\'s Date" does this per line).',
				);
			}
			let days: number | undefined;
			if (options.daysWorked === 'field') {
				const field = options.daysWorkedField || 'daysWorked';
				const value = items[i].json[field];
				days = Number(value);
				if (value === undefined || !Number.isInteger(days) || days < 0) {
					fail(
						`Field "${field}" must hold a whole number of days worked, got ${JSON.stringify(value)}`,
						'Set Days Worked Field to an input field with whole days.',
					);
				}
			}
			lines.push({
				itemIndex: i,
				companyId,
				employeeId,
				hourCode,
				millionths: millionths!,
				year,
				period,
				date,
				days,
			});
		} catch (error) {
			rejected.push({ itemIndex: i, error: toNodeError(ctx.getNode(), error, session.token, i) });
			if (keyOfLine && !poisoned.has(keyOfLine)) poisoned.set(keyOfLine, i);
		}
	}
	// Days worked from a field must be one value per employee and period.
	if (options.daysWorked === 'field') {
		const seen = new Map<string, ExportLine>();
		for (const line of lines) {
			const key = lineKey(line);
			const first = seen.get(key);
			if (!first) seen.set(key, line);
			else if (first.days !== line.days && !poisoned.has(key)) {
				poisoned.set(key, line.itemIndex);
				const message = `Days worked ${line.days} differs from ${first.days} in item ${first.itemIndex} of the same employee and period [item ${line.itemIndex}]`;
				rejected.push({
					itemIndex: line.itemIndex,
					error: new NodeOperationError(ctx.getNode(), message, {
						itemIndex: line.itemIndex,
						description: 'Give every line of an employee and period the same days worked.',
					}),
				});
			}
		}
	}
	// A negative total on a code cannot be paid (unless it is a correction code the user named).
	for (const [key, first] of negativeTotals(
		lines.filter((l) => !poisoned.has(lineKey(l))),
		options.negativeTotalCodes ?? new Set(),
	)) {
		poisoned.set(key, first.itemIndex);
		const message = `The hours of this employee on hour code ${first.hourCode} add up to ${hundredthsToHours(first.total).toFixed(2)} in ${periodKey(first)}, below zero [item ${first.itemIndex}]`;
		rejected.push({
			itemIndex: first.itemIndex,
			error: new NodeOperationError(ctx.getNode(), message, {
				itemIndex: first.itemIndex,
				description:
					'A negative total cannot be paid. Check the lines of this employee and code, or, for a correction code, list it under Options → Hour Codes That May Total Below Zero.',
			}),
		});
	}
	// With Continue On Fail, an employee with a bad line is not exported for that period at all.
	const kept: ExportLine[] = [];
	for (const line of lines) {
		const bad = poisoned.get(lineKey(line));
		if (bad === undefined) kept.push(line);
		else if (bad !== line.itemIndex)
			rejected.push({
				itemIndex: line.itemIndex,
				derived: true,
				error: new NodeOperationError(
					ctx.getNode(),
					`Not exported: item ${bad} of the same employee and period is invalid [item ${line.itemIndex}]`,
					{
						itemIndex: line.itemIndex,
						description:
							'Fix the invalid line and run the export again; the employee is exported as a whole or not at all.',
					},
				),
			});
	}
	return { lines: kept, rejected: rejected.sort((a, b) => a.itemIndex - b.itemIndex), markers };
}
