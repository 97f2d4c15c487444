import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

export const SEAT_NOTE = 'Creating a user may add a paid seat to the TimeChimp subscription.';

export const languageField: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'options',
	default: 'nl',
	description: 'Language of the TimeChimp interface for this user',
	options: [
		{ name: 'Dutch', value: 'nl' },
		{ name: 'English', value: 'en' },
		{ name: 'French', value: 'fr' },
		{ name: 'German', value: 'de' },
		{ name: 'Polish', value: 'pl' },
		{ name: 'Spanish', value: 'es' },
	],
};

export const activeField: INodeProperties = {
	displayName: 'Active',
	name: 'active',
	type: 'boolean',
	default: true,
	description: 'Whether the user can log in and register hours',
};

export const sendInvitationField: INodeProperties = {
	displayName: 'Send Invitation',
	name: 'sendInvitation',
	type: 'boolean',
	default: false,
	description: 'Whether TimeChimp e-mails the new user an invitation to log in',
};

export const userNameField: INodeProperties = {
	displayName: 'Email',
	name: 'userName',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description: 'The e-mail address the user logs in with (TimeChimp calls it userName)',
};

export const displayNameField: INodeProperties = {
	displayName: 'Display Name',
	name: 'displayName',
	type: 'string',
	default: '',
	description: 'Full name as shown in TimeChimp',
};

export const employeeNumberField: INodeProperties = {
	displayName: 'Employee Number',
	name: 'employeeNumber',
	type: 'string',
	default: '',
	description: 'Payroll employee number, as in Nmbrs',
};

export function requireEmail(
	context: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string {
	const email = String(value ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
		throw new NodeOperationError(
			context.getNode(),
			`"Email" must be an e-mail address, not "${email}"`,
			{
				description: 'TimeChimp users log in with their e-mail address.',
				itemIndex,
			},
		);
	}
	return email;
}

export function requireText(
	context: IExecuteFunctions,
	label: string,
	value: unknown,
	itemIndex: number,
): string {
	const text = String(value ?? '').trim();
	if (!text) {
		throw new NodeOperationError(context.getNode(), `"${label}" is empty`, {
			description: `Fill in "${label}".`,
			itemIndex,
		});
	}
	return text;
}
