import { FlowingClock, parseInstant } from '../../../infra/local/runtime/flowing-clock';

describe('the local runtime clock', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps flowing from the instant it is set to', () => {
    // Prepare
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const clock = new FlowingClock();

    // Act
    clock.set(new Date('2030-06-01T12:00:00Z'));
    jest.advanceTimersByTime(90_000);

    // Assess
    expect(clock.now().toISOString()).toBe('2030-06-01T12:01:30.000Z');
  });

  it('tells its listeners when it moves', () => {
    // Prepare
    const clock = new FlowingClock();
    const heard: string[] = [];
    clock.onChange(() => heard.push('moved'));

    // Act
    clock.set(new Date('2030-01-01T00:00:00Z'));

    // Assess
    expect(heard).toEqual(['moved']);
  });

  it.each([
    ['2030-01-01T00:00:00Z', '2030-01-01T00:00:00.000Z'],
    ['2030-01-01T02:00:00+02:00', '2030-01-01T00:00:00.000Z'],
    ['2030-01-01T00:00Z', '2030-01-01T00:00:00.000Z'],
    ['2028-02-29T23:59:59.999Z', '2028-02-29T23:59:59.999Z'],
  ])('accepts the ISO instant %s', (input, expected) => {
    // Assess
    expect(parseInstant(input)?.toISOString()).toBe(expected);
  });

  it.each([
    ['2030-02-30T00:00:00Z'],
    ['2030-01-01'],
    ['2030-01-01T00:00:00'],
    ['2030-01-01T24:00:00Z'],
    ['yesterday'],
    [1893456000000],
  ])('refuses %p', (input) => {
    // Assess
    expect(parseInstant(input)).toBeUndefined();
  });
});
