import { JsonAnswer } from './json-answer';

describe(JsonAnswer.name, () => {
  it('should stringify a computed answer once, however often its text is asked for', () => {
    const answer = { results: [{ job_task_id: 't1', errors: [] }], total_count: 1 };
    const stringify = jest.spyOn(JSON, 'stringify');
    const sut = JsonAnswer.of(answer);

    expect(sut.text()).toBe('{"results":[{"job_task_id":"t1","errors":[]}],"total_count":1}');
    expect(sut.text()).toBe(sut.text());
    expect(sut.value()).toBe(answer);
    expect(stringify).toHaveBeenCalledTimes(1);
    stringify.mockRestore();
  });

  it('should send cached text as it is and parse it only when the value is needed', () => {
    const text = '{"results":[{"n":2,"status":"SUCCESS"}]}';
    const parse = jest.spyOn(JSON, 'parse');
    const sut = JsonAnswer.fromJson<{ results: unknown[] }>(text);

    expect(sut.text()).toBe(text);
    expect(parse).not.toHaveBeenCalled();
    expect(sut.value()).toEqual({ results: [{ n: 2, status: 'SUCCESS' }] });
    expect(sut.value()).toBe(sut.value());
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
  });
});
