/** The Electron executable of an installed desktop VS Code (GRADLENS_VSCODE_EXECUTABLE, or behind a `code` on PATH), or undefined. */
export function findVsCode(env?: Record<string, string | undefined>): string | undefined;
