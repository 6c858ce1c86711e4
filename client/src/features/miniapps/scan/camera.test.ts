import { describe, expect, it } from 'vitest';
import { cameraProblem } from './camera';

describe('cameraProblem', () => {
  it('tells a refusal from a missing camera from a broken one', () => {
    expect(cameraProblem(new DOMException('Permission denied', 'NotAllowedError'))).toBe('denied');
    expect(cameraProblem(new DOMException('Insecure', 'SecurityError'))).toBe('denied');
    expect(cameraProblem(new DOMException('Requested device not found', 'NotFoundError'))).toBe('none');
    expect(cameraProblem(new DOMException('No rear camera', 'OverconstrainedError'))).toBe('none');
    expect(cameraProblem(new DOMException('Could not start video source', 'NotReadableError'))).toBe('failed');
    expect(cameraProblem({ name: 'PermissionDeniedError' })).toBe('denied');
    expect(cameraProblem(null)).toBe('failed');
    expect(cameraProblem('weird')).toBe('failed');
  });
});
