// The ASMX fault text Nmbrs sends: a wire format, so it lives with the SOAP transport.

/** Nmbrs puts its code after "--->" in the ASMX faultstring: "... ---> 1001: Invalid Authentication". */
export function parseFaultString(faultString: string): { code?: number; message: string } {
	const match = /--->\s*(\d{4,5}):\s*([^\r\n]*)/.exec(faultString);
	if (match) return { code: Number(match[1]), message: match[2].trim() };
	const tail = /--->\s*([^\r\n]*)/.exec(faultString);
	return { message: (tail ? tail[1] : faultString).trim() };
}
