/** SDK version reported to the host during the bridge handshake. */
export const SDK_VERSION = '0.1.0';
