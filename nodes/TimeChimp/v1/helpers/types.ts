import type { IDataObject } from 'n8n-workflow';

/** TimeChimp v2 list envelope; `GET /x/{id}` uses it too (one element). */
export interface TimeChimpEnvelope<T = IDataObject> {
	result?: T[];
	links?: Array<{ href: string; rel: string; method?: string }>;
	count?: number;
}

export interface TimeChimpUser extends IDataObject {
	id: number;
	userName: string;
	displayName: string;
	employeeNumber?: string | null;
	active?: boolean;
	language?: string;
}

export interface TimeEntryUserRef extends IDataObject {
	id: number;
	displayName?: string;
	/** Added by this package: time entries carry neither. */
	employeeNumber?: string | null;
	email?: string | null;
}

export interface TimeEntry extends IDataObject {
	id: number;
	date: string;
	hours: number;
	status: string;
	modified: string;
	user?: TimeEntryUserRef;
}
