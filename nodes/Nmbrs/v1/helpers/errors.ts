import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { faultGuide, NmbrsFault, NmbrsTransportError } from '../../domain/faults';

/** Removes the API token from any text, in case a server or library echoes it. */
export function redact(text: string, secret: string | undefined): string {
	return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}

/** Maps domain errors to n8n errors that say what happened and what to do. */
export function toNodeError(node: INode, error: unknown, token: string | undefined, itemIndex?: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof NmbrsFault) {
		const guide = faultGuide(error.code);
		const codeText = error.code === undefined ? '' : ` (Nmbrs error ${error.code})`;
		const body: JsonObject = { code: error.code ?? null, message: redact(error.nmbrsMessage, token), operation: error.operation };
		return new NodeApiError(node, body, {
			message: `${guide.summary}${codeText}${itemSuffix(itemIndex)}`,
			description: redact(`Nmbrs said: "${error.nmbrsMessage}" (operation ${error.operation}). ${guide.fix}`, token),
			httpCode: '500',
			itemIndex,
			failure: { cause: guide.cause },
		});
	}
	if (error instanceof NmbrsTransportError) {
		const body: JsonObject = { message: error.message, operation: error.operation };
		return new NodeApiError(node, body, {
			message: `Nmbrs could not be reached: ${error.message}${itemSuffix(itemIndex)}`,
			description: `Operation ${error.operation}. Check the Environment or Base URL in the credential and your network, then run again. Re-running an export is safe: it re-reads Nmbrs and writes only what is still missing.`,
			httpCode: error.httpCode ? String(error.httpCode) : null,
			itemIndex,
			failure: { cause: 'temporarily-unavailable' },
		} as never);
	}
	const message = redact(error instanceof Error ? error.message : String(error), token);
	return new NodeOperationError(node, `${message}${itemSuffix(itemIndex)}`, { itemIndex });
}

function itemSuffix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}
