import { afterEach } from 'vitest';
import { createMockHost, type MockHost, type MockHostOptions } from './mock-host';

/** For the SDK's own tests: a mock host that is disposed after each test. */
export function useMockHosts(): (options?: MockHostOptions) => MockHost {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((fn) => fn()));
  return (options = {}) => {
    const host = createMockHost(options);
    cleanups.push(() => host.dispose());
    return host;
  };
}
