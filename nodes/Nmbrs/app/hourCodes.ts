import { mergeHourModels, type MergedHourCode } from '../domain/hourCodes';
import type { NmbrsApi } from './ports';

export async function loadHourCodes(
	api: NmbrsApi,
	companyId: string,
	model: 'both' | '1' | '2' = 'both',
): Promise<MergedHourCode[]> {
	const [first, second] = await Promise.all([
		model === '2' ? Promise.resolve([]) : api.getHourCodes(companyId, 1),
		model === '1' ? Promise.resolve([]) : api.getHourCodes(companyId, 2),
	]);
	return mergeHourModels(first, second);
}
