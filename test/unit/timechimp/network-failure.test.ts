import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import {
	NETWORK_CODES,
	networkCodeOf,
	networkFailureInWords,
} from '../../../nodes/TimeChimp/transport/networkFailure';

const node = { id: '1', name: 'TimeChimp', type: 'x', typeVersion: 1, position: [0, 0] } as INode;

describe('TimeChimp network failures in words', () => {
	it("n8n's NodeApiError keeps every worded message, but rewrites one that names the code", () => {
		for (const code of NETWORK_CODES) {
			const message = `Could not reach TimeChimp: ${networkFailureInWords(code)}`;
			const error = new NodeApiError(node, { message: 'x' } as JsonObject, { message });
			expect([code, error.message]).toEqual([code, message]);
			expect(message).not.toContain(code);
		}
		// Why the words are needed: the same constructor replaces a message naming the code.
		const raw = new NodeApiError(node, { message: 'x' } as JsonObject, {
			message: 'Could not reach TimeChimp: read ECONNRESET',
		});
		expect(raw.message).not.toContain('TimeChimp');
	});

	it('finds the code on the error, its causes, or the original messages n8n keeps', () => {
		expect(networkCodeOf({ code: 'ENOTFOUND' })).toBe('ENOTFOUND');
		expect(networkCodeOf({ message: 'generic', cause: { cause: { code: 'EAI_AGAIN' } } })).toBe(
			'EAI_AGAIN',
		);
		expect(
			networkCodeOf({ message: 'generic', messages: ['connect ECONNREFUSED 1.2.3.4:443'] }),
		).toBe('ECONNREFUSED');
		expect(networkCodeOf(new Error('socket hang up'))).toBeUndefined();
		expect(networkFailureInWords(undefined)).toBe('the network failed before TimeChimp answered');
		expect(networkFailureInWords('EWHATEVER')).toBe('the network failed before TimeChimp answered');
	});
});
