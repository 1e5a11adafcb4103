import { ConfigError } from '@app/config';
import { JsonLogger } from './json-logger';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  const logger = new JsonLogger(level, 'test', (line) => lines.push(line));
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe(JsonLogger.name, () => {
  it('should write nothing below its level', () => {
    const { logger, entries } = capture('warn');

    logger.event('info', 'hidden');
    logger.debug('hidden too');
    logger.event('warn', 'shown');
    logger.error('shown too');

    expect(entries().map((e) => [e.level, e.msg])).toEqual([
      ['warn', 'shown'],
      ['error', 'shown too'],
    ]);
  });

  it('should write an error field with its name, message and code instead of {}', () => {
    const { logger, entries } = capture();

    logger.event('error', 'start-up failed', { error: new ConfigError(['API_PORT: bad']) });

    expect(entries()[0]?.error).toMatchObject({
      name: 'ConfigError',
      message: 'Invalid configuration:\n  - API_PORT: bad',
      code: 'CONFIG_INVALID',
    });
  });

  it("should keep an Error message's code", () => {
    const { logger, entries } = capture();

    logger.error(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    expect(entries()[0]).toMatchObject({
      level: 'error',
      msg: 'connect ECONNREFUSED',
      error: 'Error',
      code: 'ECONNREFUSED',
    });
  });

  it('should write one line, not throw, for fields holding a cycle or a bigint', () => {
    const { logger, lines, entries } = capture();
    const connection: Record<string, unknown> = { host: 'es' };
    connection.self = connection;

    expect(() => logger.event('warn', 'odd fields', { connection, offset: 12n })).not.toThrow();

    expect(lines).toHaveLength(1);
    expect(entries()[0]).toMatchObject({
      connection: { host: 'es', self: '[Circular]' },
      offset: '12',
    });
  });

  it("should not let an entry's fields replace the level, time, app or message", () => {
    const { logger, entries } = capture();

    logger.event('error', 'real', { level: 'debug', msg: 'fake', app: 'other' });

    expect(entries()[0]).toMatchObject({
      level: 'error',
      msg: 'real',
      app: 'test',
      field_level: 'debug',
      field_msg: 'fake',
      field_app: 'other',
    });
  });

  it("should read Nest's (error, stack) as a stack, not as the context", () => {
    const { logger, entries } = capture();
    const error = new Error('hook failed');

    logger.error(error, error.stack);
    logger.error('listen failed', error.stack, 'NestApplication');

    const [first, second] = entries();
    expect(first).toMatchObject({ msg: 'hook failed', stack: error.stack });
    expect(first).not.toHaveProperty('context');
    expect(second).toMatchObject({
      msg: 'listen failed',
      stack: error.stack,
      context: 'NestApplication',
    });
  });

  it('should keep one line per entry when the message has line breaks', () => {
    const { logger, lines } = capture();

    logger.log('two\nlines', 'Ctx');

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ msg: 'two\nlines', context: 'Ctx' });
  });
});
