// The Nmbrs REST list wrapper: { data, pagination } with absolute page links.
import { RestError } from './problem';

export interface Pagination {
	pageNumber: number;
	pageSize: number;
	totalPages: number;
	totalRecords: number;
	firstPage: string;
	lastPage: string;
	nextPage: string | null;
	previousPage: string | null;
}

export interface Paged<T> {
	data: T[];
	pagination: Pagination;
}

export const DEFAULT_PAGE_SIZE = 20;

function positiveInt(query: URLSearchParams, name: string): number | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') return undefined;
	if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1)
		throw new RestError(400, 'InvalidPaging', `${name} must be a positive integer, got '${raw}'`);
	return Number(raw);
}

/** One page of `items` for the request URL (whose origin is what the client called). */
export function paginate<T>(items: T[], url: URL, maxPageSize: number): Paged<T> {
	const pageNumber = positiveInt(url.searchParams, 'pageNumber') ?? 1;
	const pageSize = Math.min(
		positiveInt(url.searchParams, 'pageSize') ?? DEFAULT_PAGE_SIZE,
		Math.max(1, maxPageSize),
	);
	const totalRecords = items.length;
	const totalPages = Math.ceil(totalRecords / pageSize);
	const link = (n: number) => {
		const u = new URL(url.toString());
		u.searchParams.set('pageNumber', String(n));
		return u.toString();
	};
	return {
		data: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
		pagination: {
			pageNumber,
			pageSize,
			totalPages,
			totalRecords,
			firstPage: link(1),
			lastPage: link(Math.max(1, totalPages)),
			nextPage: pageNumber < totalPages ? link(pageNumber + 1) : null,
			previousPage: pageNumber > 1 ? link(pageNumber - 1) : null,
		},
	};
}
