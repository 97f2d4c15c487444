import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { NmbrsFault, NmbrsTransportError } from '../../domain/faults';
import { MAX_TEXT, redact } from '../../../shared/redact';
import { withoutErrorCodes } from '../../../shared/networkWords';
import { faultGuide } from './faultGuides';

export { MAX_TEXT, redact } from '../../../shared/redact';

/** Maps domain errors to n8n errors that say what happened and what to do. */
export function toNodeError(
	node: INode,
	error: unknown,
	token: string | undefined,
	itemIndex?: number,
): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// Built by this package from redacted parts; bound them once more in case a value was long.
		error.message = redact(error.message, token, MAX_TEXT * 2);
		if (error.description) error.description = redact(error.description, token, MAX_TEXT * 2);
		return error;
	}
	if (error instanceof NmbrsFault) {
		const guide = faultGuide(error.code, error.source.api);
		const codeText =
			error.source.api === 'rest'
				? ` (HTTP ${error.source.status})`
				: error.code === undefined
					? ''
					: ` (Nmbrs error ${error.code})`;
		const body: JsonObject = {
			code: error.code ?? null,
			message: redact(error.nmbrsMessage, token),
			operation: error.operation,
		};
		const message = `${guide.summary}${codeText}${itemSuffix(itemIndex)}`;
		return keepMessage(
			new NodeApiError(node, body, {
				message,
				// Nothing of the request or response travels with the error: only these fields.
				description: redact(
					`Nmbrs said: "${error.nmbrsMessage}" (operation ${error.operation}). ${guide.fix}`,
					token,
				),
				httpCode: '500',
				itemIndex,
				failure: { cause: guide.cause },
			}),
			message,
		);
	}
	if (error instanceof NmbrsTransportError) {
		const body: JsonObject = { message: redact(error.message, token), operation: error.operation };
		const message = `Nmbrs could not be reached: ${redact(withoutErrorCodes(error.message), token)}${itemSuffix(itemIndex)}`;
		return keepMessage(
			new NodeApiError(node, body, {
				message,
				description: `Operation ${error.operation}. Check the Environment or Base URL in the credential and your network, then run again. Re-running an export is safe: it re-reads Nmbrs and writes only what is still missing.`,
				httpCode: error.httpCode ? String(error.httpCode) : null,
				itemIndex,
				failure: { cause: 'temporarily-unavailable' },
			} as never),
			message,
		);
	}
	const message = redact(error instanceof Error ? error.message : String(error), token);
	return new NodeOperationError(node, `${message}${itemSuffix(itemIndex)}`, { itemIndex });
}

/**
 * n8n's error classes swap a message that mentions a network error code for generic text; the
 * package's message (what happened, and that re-running is safe) is set back after construction.
 */
function keepMessage<E extends Error>(error: E, message: string): E {
	error.message = message;
	return error;
}

function itemSuffix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}
