// n8n-core's InstanceSettings writes an encryption key under N8N_USER_FOLDER: keep it out of $HOME.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

if (!process.env.N8N_USER_FOLDER_FOR_TESTS) {
	process.env.N8N_USER_FOLDER_FOR_TESTS = mkdtempSync(join(tmpdir(), 'n8n-nodes-nmbrs-jest-'));
}
process.env.N8N_USER_FOLDER = process.env.N8N_USER_FOLDER_FOR_TESTS;
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
