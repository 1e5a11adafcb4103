import { loadApiConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import type { Request, Response } from 'express';
import { ClientClosedRequestError, DependencyUnavailableError } from './api-error';
import { respondWithError } from './api-exception.filter';

function setup(res: { destroyed: boolean }) {
  const lines: string[] = [];
  const logger = new JsonLogger('debug', 'test', (line) => lines.push(line));
  const json = jest.fn();
  const response = {
    headersSent: false,
    ...res,
    status: jest.fn().mockReturnValue({ json }),
  } as unknown as Response;
  const req = {
    correlationId: 'cid-1',
    path: '/power_scheduler/v1/job-tasks/search',
  } as unknown as Request;
  const levels = () => lines.map((line) => (JSON.parse(line) as { level: string }).level);
  const sut = (error: unknown) => respondWithError(error, req, response, loadApiConfig({}), logger);
  return { sut, response, json, levels };
}

describe(respondWithError.name, () => {
  it('should write nothing to a response whose client has gone, and log it at debug only', () => {
    const { sut, response, levels } = setup({ destroyed: true });
    sut(new ClientClosedRequestError());
    expect(response.status).not.toHaveBeenCalled();
    expect(levels()).toEqual(['debug']);
  });

  it('should still answer a live response', () => {
    const { sut, response, json, levels } = setup({ destroyed: false });
    sut(new DependencyUnavailableError('Elasticsearch'));
    expect(response.status).toHaveBeenCalledWith(503);
    expect(json).toHaveBeenCalledWith({
      error: { code: 'ERROR_UNAVAILABLE', message: 'Elasticsearch is unavailable; retry later.' },
    });
    expect(levels()).toEqual(['warn']);
  });
});
