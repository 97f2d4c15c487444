/**
 * How a community package tarball goes into `<N8N_USER_FOLDER>/.n8n/nodes`: the steps of n8n
 * 2.41.1's `CommunityPackagesService.downloadPackage`, in one place for the two that repeat them:
 * the real-n8n end-to-end install (test/support/real-n8n.ts) and the Docker image
 * (docker/Dockerfile, held to these values by test/unit/dockerfile.test.ts).
 *
 *   1. extract the tarball into `<nodes>/node_modules/<name>` (`tarExtractArgs`);
 *   2. delete `DROPPED_PACKAGE_JSON_FIELDS` from its package.json, so npm installs no second
 *      n8n-workflow (the package resolves n8n's own copy through the NODE_PATH n8n sets);
 *   3. run `npm` with `PACKAGE_INSTALL_NPM_ARGS` inside the package directory: the runtime
 *      dependencies (`soap`) land in `<pkg>/node_modules`;
 *   4. record `<name>: <version>` in `<nodes>/package.json` `dependencies` (n8n's own `npm prune`
 *      and `npm outdated` there read it).
 */

/** `tar` arguments that extract an npm tarball (top folder `package/`) into `dir`. */
export function tarExtractArgs(tarball: string, dir: string): string[] {
	return ['-xzf', tarball, '-C', dir, '--strip-components=1'];
}

/** Fields deleted from the extracted package.json before the dependency install. */
export const DROPPED_PACKAGE_JSON_FIELDS: readonly string[] = [
	'devDependencies',
	'peerDependencies',
	'optionalDependencies',
];

/** `npm` arguments, run in the extracted package's directory. */
export const PACKAGE_INSTALL_NPM_ARGS: readonly string[] = [
	'install',
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];
