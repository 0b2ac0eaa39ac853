/** The simulated firmware's Matter shell on the board's UART. See docs/simulator.md ("Matter shell"). */
export { EXAMPLE_BUILD_DEFAULTS, readShellDeviceData, SETUP_PAYLOAD_KEY, TEST_SETUP_PAYLOAD_BITSET, type ShellBuildDefaults, type ShellDeviceData } from './deviceData';
export { CHIP_ERROR_TEXT, MatterShell, QR_CODE_URL_BASE, qrCodeUrl, SHELL_MAX_LINE, SHELL_PROMPT, tokenizeLine, type MatterShellOptions } from './matterShell';
export { SerialLine, type SerialFault, type SerialGarbageFault } from './serialFaults';
export { startShellPty, type ShellPty, type ShellPtyOptions } from './ptyServer';
