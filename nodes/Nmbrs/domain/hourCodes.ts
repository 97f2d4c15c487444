import type { HourCode, HourModel } from './types';

export interface MergedHourCode {
	code: number;
	description: string;
	/** The hour model whose description is shown (2 wins where both define the code). */
	hourModel: HourModel;
	/** Every hour model that has the code. */
	hourModels: HourModel[];
}

/** Merges hour model 1 and 2 by code; model 2's description wins (inferred rule, kept here). */
export function mergeHourModels(model1: HourCode[], model2: HourCode[]): MergedHourCode[] {
	const merged = new Map<number, MergedHourCode>();
	for (const [model, codes] of [
		[1, model1],
		[2, model2],
	] as Array<[HourModel, HourCode[]]>) {
		for (const { code, description } of codes) {
			const existing = merged.get(code);
			merged.set(code, {
				code,
				description,
				hourModel: model,
				hourModels: existing ? [...existing.hourModels, model] : [model],
			});
		}
	}
	return [...merged.values()].sort((a, b) => a.code - b.code);
}
