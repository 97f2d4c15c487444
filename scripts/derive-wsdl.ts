// Derives stand-in Nmbrs SOAP v3 WSDLs from the saved v2.1 WSDLs (reference nmbrs-soap.md §10)
// and writes them to test/emulators/nmbrs/wsdl/. No public v3 WSDL is known, so this is the
// best available description; the output is committed so CI does not need ../shared.
//
//   npx ts-node --transpile-only scripts/derive-wsdl.ts
//
// NMBRS_WSDL_DIR overrides the source folder (default: ../shared/nmbrs-wsdl from the repo root).
import * as fs from 'fs';
import * as path from 'path';
import * as soap from 'soap';

const ROOT = path.resolve(__dirname, '..');
const SRC_DIR = process.env.NMBRS_WSDL_DIR ?? path.resolve(ROOT, '..', 'shared', 'nmbrs-wsdl');
const OUT_DIR = path.join(ROOT, 'test', 'emulators', 'nmbrs', 'wsdl');

/** Replaces every match and fails loudly when the v2.1 text did not look as expected. */
function replaceAll(
	xml: string,
	pattern: RegExp,
	replacement: string,
	what: string,
	expected?: number,
): string {
	const count = (xml.match(new RegExp(pattern.source, 'g')) ?? []).length;
	if (count === 0 || (expected !== undefined && count !== expected)) {
		throw new Error(`derive-wsdl: ${what}: expected ${expected ?? '>0'} matches, found ${count}`);
	}
	return xml.replace(pattern, replacement);
}

/** Inserts `text` before the first (or every) occurrence of `marker`. */
function insertBefore(xml: string, marker: string, text: string, every = false): string {
	if (!xml.includes(marker)) throw new Error(`derive-wsdl: marker not found: ${marker}`);
	return every ? xml.split(marker).join(text + marker) : xml.replace(marker, text + marker);
}

interface AddedOp {
	name: string;
	doc: string;
	/** <s:sequence> children of the request element ('' = no parameters). */
	request: string;
	/** <s:sequence> children of the response element. */
	response: string;
	/** Extra schema types. */
	types?: string;
}

/** Adds a v3-only operation: elements, three messages, portType op and an op in both bindings. */
function addOperation(xml: string, service: string, op: AddedOp): string {
	const ns = `https://api.nmbrs.nl/soap/v3/${service}`;
	const seq = (body: string) => (body ? `<s:sequence>${body}</s:sequence>` : '');
	const elements =
		`      <s:element name="${op.name}"><s:complexType>${seq(op.request)}</s:complexType></s:element>\n` +
		`      <s:element name="${op.name}Response"><s:complexType>${seq(op.response)}</s:complexType></s:element>\n` +
		(op.types ?? '');
	const messages =
		`  <wsdl:message name="${op.name}SoapIn"><wsdl:part name="parameters" element="tns:${op.name}" /></wsdl:message>\n` +
		`  <wsdl:message name="${op.name}SoapOut"><wsdl:part name="parameters" element="tns:${op.name}Response" /></wsdl:message>\n` +
		`  <wsdl:message name="${op.name}AuthHeaderWithDomain"><wsdl:part name="AuthHeaderWithDomain" element="tns:AuthHeaderWithDomain" /></wsdl:message>\n`;
	const portOp =
		`    <wsdl:operation name="${op.name}">\n` +
		`      <wsdl:documentation xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">${op.doc}</wsdl:documentation>\n` +
		`      <wsdl:input message="tns:${op.name}SoapIn" />\n` +
		`      <wsdl:output message="tns:${op.name}SoapOut" />\n` +
		`    </wsdl:operation>\n`;
	const bindingOp = (p: 'soap' | 'soap12') =>
		`    <wsdl:operation name="${op.name}">\n` +
		`      <${p}:operation soapAction="${ns}/${op.name}" style="document" />\n` +
		`      <wsdl:input>\n        <${p}:body use="literal" />\n` +
		`        <${p}:header message="tns:${op.name}AuthHeaderWithDomain" part="AuthHeaderWithDomain" use="literal" />\n` +
		`      </wsdl:input>\n      <wsdl:output>\n        <${p}:body use="literal" />\n      </wsdl:output>\n    </wsdl:operation>\n`;

	if (xml.includes(`name="${op.name}"`)) throw new Error(`derive-wsdl: ${op.name} already exists`);
	xml = insertBefore(xml, '    </s:schema>', elements); // first schema = the service namespace
	xml = insertBefore(xml, '  <wsdl:portType ', messages);
	xml = insertBefore(xml, '  </wsdl:portType>', portOp);
	// The SOAP 1.1 binding comes first, then the SOAP 1.2 one.
	const [soap11, soap12, ...rest] = xml.split('  </wsdl:binding>');
	if (rest.length !== 1) throw new Error('derive-wsdl: expected exactly two bindings');
	return [soap11 + bindingOp('soap'), soap12 + bindingOp('soap12'), rest[0]].join(
		'  </wsdl:binding>',
	);
}

const AUTH_HEADER_WITH_DOMAIN = `      <s:element name="AuthHeaderWithDomain" type="tns:AuthHeaderWithDomain" />
      <s:complexType name="AuthHeaderWithDomain">
        <s:complexContent mixed="false">
          <s:extension base="tns:AuthHeader">
            <s:sequence>
              <s:element minOccurs="0" maxOccurs="1" name="Domain" type="s:string" />
            </s:sequence>
          </s:extension>
        </s:complexContent>
      </s:complexType>`;

/** Rows 1–3 of the §10 table: namespace and header, for any service. */
function deriveCommon(v21: string): string {
	let xml = replaceAll(
		v21,
		/https:\/\/api\.nmbrs\.nl\/soap\/v2\.1\//g,
		'https://api.nmbrs.nl/soap/v3/',
		'namespace',
	);
	// ASMX emits AuthHeaderWithDomain as an extension of AuthHeader: the v2.1 EmployeeService
	// already has it in that form (used by EndServiceReason_GetList), so copy that shape.
	if (!xml.includes('<s:element name="AuthHeaderWithDomain"')) {
		xml = replaceAll(
			xml,
			/(<s:element name="AuthHeader" type="tns:AuthHeader" \/>)/g,
			'$1\n' + AUTH_HEADER_WITH_DOMAIN,
			'header element',
			1,
		);
	}
	xml = replaceAll(
		xml,
		/<wsdl:message name="(\w+)AuthHeader">/g,
		'<wsdl:message name="$1AuthHeaderWithDomain">',
		'header messages',
	);
	xml = replaceAll(
		xml,
		/<wsdl:part name="AuthHeader" element="tns:AuthHeader" \/>/g,
		'<wsdl:part name="AuthHeaderWithDomain" element="tns:AuthHeaderWithDomain" />',
		'header parts',
	);
	xml = replaceAll(
		xml,
		/(<soap(?:12)?:header message="tns:\w+)AuthHeader" part="AuthHeader"/g,
		'$1AuthHeaderWithDomain" part="AuthHeaderWithDomain"',
		'binding headers',
	);
	if (/element="tns:AuthHeader"|part="AuthHeader"|v2\.1/.test(xml))
		throw new Error('derive-wsdl: v2.1 leftovers');
	return xml;
}

function deriveCompany(v21: string): string {
	return deriveCommon(v21);
}

function deriveEmployee(v21: string): string {
	let xml = deriveCommon(v21);
	// Row 4: List_GetByCompany / List_GetByDebtor take an EmployeeType id instead of the Active enum.
	xml = replaceAll(
		xml,
		/<s:element minOccurs="1" maxOccurs="1" name="active" type="tns:Active" \/>/g,
		'<s:element minOccurs="1" maxOccurs="1" name="EmployeeType" type="s:int" />',
		'active -> EmployeeType',
		2,
	);
	// Row 5: EmployeeContract gains three fields after Indefinite.
	xml = replaceAll(
		xml,
		/(<s:complexType name="EmployeeContract">[\s\S]*?<s:element [^>]*name="Indefinite"[^>]*\/>)/,
		'$1\n          <s:element minOccurs="1" maxOccurs="1" name="PhaseClassification" type="s:int" />' +
			'\n          <s:element minOccurs="1" maxOccurs="1" name="WrittenContract" type="s:boolean" />' +
			'\n          <s:element minOccurs="1" maxOccurs="1" name="HoursPerWeek" type="s:decimal" />',
		'EmployeeContract v3 fields',
		1,
	);
	// Row 7: v3-only operations the package uses.
	xml = addOperation(xml, 'EmployeeService', {
		name: 'PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany',
		doc: 'Get all personal infos of all employees, without BSN.',
		request: '<s:element minOccurs="1" maxOccurs="1" name="CompanyID" type="s:int" />',
		response:
			'<s:element minOccurs="0" maxOccurs="1" name="PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompanyResult" type="tns:ArrayOfPersonalInfoItem" />',
	});
	xml = addOperation(xml, 'EmployeeService', {
		name: 'EmployeeType_GetList',
		doc: 'Get the list of employee types.',
		request: '',
		response:
			'<s:element minOccurs="0" maxOccurs="1" name="EmployeeType_GetListResult" type="tns:ArrayOfEmployeeType" />',
		types:
			'      <s:complexType name="ArrayOfEmployeeType"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="EmployeeType" nillable="true" type="tns:EmployeeType" /></s:sequence></s:complexType>\n' +
			'      <s:complexType name="EmployeeType"><s:sequence><s:element minOccurs="1" maxOccurs="1" name="Id" type="s:int" /><s:element minOccurs="0" maxOccurs="1" name="Description" type="s:string" /></s:sequence></s:complexType>\n',
	});
	return xml;
}

/** Row 8: no DebtorService WSDL is saved; this minimal one has the two operations the package uses. */
export function debtorWsdl(): string {
	const ns = 'https://api.nmbrs.nl/soap/v3/DebtorService';
	const ops: Array<{ name: string; header: 'AuthHeader' | 'AuthHeaderWithDomain'; doc: string }> = [
		// Domain discovery works before the domain is known, so it takes the old header.
		{
			name: 'Environment_Get',
			header: 'AuthHeader',
			doc: 'Get the environment (domain) of the user.',
		},
		{ name: 'List_GetAll', header: 'AuthHeaderWithDomain', doc: 'Returns all debtors.' },
	];
	const binding = (p: 'soap' | 'soap12', port: string) =>
		`  <wsdl:binding name="${port}" type="tns:DebtorServiceSoap">\n    <${p}:binding transport="http://schemas.xmlsoap.org/soap/http" />\n` +
		ops
			.map(
				(o) =>
					`    <wsdl:operation name="${o.name}">\n      <${p}:operation soapAction="${ns}/${o.name}" style="document" />\n` +
					`      <wsdl:input>\n        <${p}:body use="literal" />\n        <${p}:header message="tns:${o.name}${o.header}" part="${o.header}" use="literal" />\n      </wsdl:input>\n` +
					`      <wsdl:output>\n        <${p}:body use="literal" />\n      </wsdl:output>\n    </wsdl:operation>\n`,
			)
			.join('') +
		'  </wsdl:binding>\n';
	return `<?xml version="1.0" encoding="utf-8"?>
<!-- Hand-written stand-in for the Nmbrs v3 DebtorService WSDL (nmbrs-soap.md §10 row 8; shapes inferred). -->
<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:tns="${ns}" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" targetNamespace="${ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="${ns}">
      <s:element name="Environment_Get"><s:complexType /></s:element>
      <s:element name="Environment_GetResponse"><s:complexType><s:sequence><s:element minOccurs="0" maxOccurs="1" name="Environment_GetResult" type="tns:EnvironmentResult" /></s:sequence></s:complexType></s:element>
      <s:complexType name="EnvironmentResult"><s:sequence><s:element minOccurs="0" maxOccurs="1" name="Domain" type="s:string" /><s:element minOccurs="0" maxOccurs="1" name="SubDomain" type="s:string" /></s:sequence></s:complexType>
      <s:element name="AuthHeader" type="tns:AuthHeader" />
      <s:complexType name="AuthHeader"><s:sequence><s:element minOccurs="0" maxOccurs="1" name="Username" type="s:string" /><s:element minOccurs="0" maxOccurs="1" name="Token" type="s:string" /></s:sequence><s:anyAttribute /></s:complexType>
      <s:element name="AuthHeaderWithDomain" type="tns:AuthHeaderWithDomain" />
      <s:complexType name="AuthHeaderWithDomain"><s:sequence><s:element minOccurs="0" maxOccurs="1" name="Username" type="s:string" /><s:element minOccurs="0" maxOccurs="1" name="Token" type="s:string" /><s:element minOccurs="0" maxOccurs="1" name="Domain" type="s:string" /></s:sequence><s:anyAttribute /></s:complexType>
      <s:element name="List_GetAll"><s:complexType /></s:element>
      <s:element name="List_GetAllResponse"><s:complexType><s:sequence><s:element minOccurs="0" maxOccurs="1" name="List_GetAllResult" type="tns:ArrayOfDebtor" /></s:sequence></s:complexType></s:element>
      <s:complexType name="ArrayOfDebtor"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="Debtor" nillable="true" type="tns:Debtor" /></s:sequence></s:complexType>
      <s:complexType name="Debtor"><s:sequence><s:element minOccurs="1" maxOccurs="1" name="Id" type="s:int" /><s:element minOccurs="1" maxOccurs="1" name="Number" type="s:int" /><s:element minOccurs="0" maxOccurs="1" name="Name" type="s:string" /></s:sequence></s:complexType>
    </s:schema>
  </wsdl:types>
${ops
	.map(
		(o) =>
			`  <wsdl:message name="${o.name}SoapIn"><wsdl:part name="parameters" element="tns:${o.name}" /></wsdl:message>\n` +
			`  <wsdl:message name="${o.name}SoapOut"><wsdl:part name="parameters" element="tns:${o.name}Response" /></wsdl:message>\n` +
			`  <wsdl:message name="${o.name}${o.header}"><wsdl:part name="${o.header}" element="tns:${o.header}" /></wsdl:message>\n`,
	)
	.join('')}  <wsdl:portType name="DebtorServiceSoap">
${ops
	.map(
		(o) =>
			`    <wsdl:operation name="${o.name}">\n      <wsdl:documentation xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">${o.doc}</wsdl:documentation>\n` +
			`      <wsdl:input message="tns:${o.name}SoapIn" />\n      <wsdl:output message="tns:${o.name}SoapOut" />\n    </wsdl:operation>\n`,
	)
	.join('')}  </wsdl:portType>
${binding('soap', 'DebtorServiceSoap')}${binding('soap12', 'DebtorServiceSoap12')}  <wsdl:service name="DebtorService">
    <wsdl:port name="DebtorServiceSoap" binding="tns:DebtorServiceSoap">
      <soap:address location="https://api.nmbrs.nl/soap/v3/DebtorService.asmx" />
    </wsdl:port>
    <wsdl:port name="DebtorServiceSoap12" binding="tns:DebtorServiceSoap12">
      <soap12:address location="https://api.nmbrs.nl/soap/v3/DebtorService.asmx" />
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}

/** Loads each derived WSDL with the soap client and checks the operations the package calls. */
async function validate(file: string, service: string, mustHave: string[]): Promise<void> {
	const client = await soap.createClientAsync(file);
	const ports = client.describe()[service] as Record<string, Record<string, unknown>> | undefined;
	for (const port of [`${service}Soap`, `${service}Soap12`]) {
		const ops = ports?.[port];
		if (!ops) throw new Error(`derive-wsdl: ${file}: port ${port} missing`);
		for (const op of mustHave)
			if (!ops[op]) throw new Error(`derive-wsdl: ${file}: ${port}.${op} missing`);
	}
}

async function main(): Promise<void> {
	fs.mkdirSync(OUT_DIR, { recursive: true });
	const read = (name: string) => fs.readFileSync(path.join(SRC_DIR, name), 'utf8');
	const outputs: Array<[string, string, string[]]> = [
		[
			'CompanyService',
			deriveCompany(read('CompanyService.v2.1.wsdl')),
			[
				'List_GetAll',
				'HourModel_GetHourCodes',
				'HourModel2_GetHourCodes',
				'Company_GetCurrentPeriod',
				'Run_GetList',
			],
		],
		[
			'EmployeeService',
			deriveEmployee(read('EmployeeService.v2.1.wsdl')),
			[
				'List_GetByCompany',
				'EmployeeType_GetList',
				'PersonalInfo_GetAll_AllEmployeesByCompany',
				'PersonalInfoWithoutBSN_Get_GetAllEmployeesByCompany',
				'Contract_GetAll_AllEmployeesByCompany',
				'HourComponentVar_Get',
				'HourComponentVar_Insert',
				'HourComponentVar_Insert_Batch',
				'HourComponentVar_Clear',
				'HourComponent_Update',
				'HourComponent_Delete',
				'DaysVar_Get',
				'DaysVar_Set_Batch',
			],
		],
		['DebtorService', debtorWsdl(), ['Environment_Get', 'List_GetAll']],
	];
	for (const [service, xml, mustHave] of outputs) {
		const file = path.join(OUT_DIR, `${service}.wsdl`);
		fs.writeFileSync(file, xml);
		await validate(file, service, mustHave);
		console.log(`wrote ${path.relative(ROOT, file)} (${xml.length} chars, validated)`);
	}
}

if (require.main === module) {
	main().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
