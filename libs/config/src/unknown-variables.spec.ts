import { unknownVariables } from '@app/config';

describe(unknownVariables.name, () => {
  it('should name a misspelt setting, which would otherwise be ignored without a word', () => {
    expect(
      unknownVariables({ PROJECTOR_FLUSH_INTERVALMS: '100', ELASTICSEARCH_TIMEOUT_MS: '5000' }),
    ).toEqual(['ELASTICSEARCH_TIMEOUT_MS', 'PROJECTOR_FLUSH_INTERVALMS']);
  });

  it("should know both apps' variables, and leave other names alone", () => {
    expect(
      unknownVariables({
        PROJECTOR_PORT: '3001',
        API_KEYS: '',
        PATH: '/bin',
        NODE_ENV: 'production',
      }),
    ).toEqual([]);
  });
});
