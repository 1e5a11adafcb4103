import { jobTaskQuerySchema, jobTaskStatQuerySchema } from '@app/query';
import type { INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        correlation_id: { type: 'string' },
      },
      required: ['code', 'message'],
    },
  },
};

const errors = {
  '400': {
    description: 'Invalid request (ERROR_INVALID_PARAMETER, ERROR_OPERATOR_*, …)',
    content: json(errorBody),
  },
  '401': { description: 'ERROR_AUTHENTICATE_FAILURE', content: json(errorBody) },
  '403': { description: 'ERROR_PERMISSION_DENIED', content: json(errorBody) },
  '413': { description: 'ERROR_PAYLOAD_TOO_LARGE', content: json(errorBody) },
  '503': {
    description: 'ERROR_UNAVAILABLE: Elasticsearch is unreachable; retry later',
    content: json(errorBody),
  },
};

function json(schema: object) {
  return { 'application/json': { schema } };
}

function post(summary: string, schemaRef: string, answer: string) {
  return {
    post: {
      summary,
      security: [{ bearer: [] }],
      requestBody: { required: true, content: json({ $ref: `#/components/schemas/${schemaRef}` }) },
      responses: { '200': { description: answer, content: json({ type: 'object' }) }, ...errors },
    },
  };
}

/** The OpenAPI document is generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(): OpenAPIObject {
  const toSchema = (schema: z.ZodType) =>
    z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  const list = post('List job tasks (JobTaskQuery → JobTasksInfo)', 'JobTaskQuery', 'JobTasksInfo');
  const stat = post(
    'Statistics over job tasks (JobTaskStatQuery → Struct)',
    'JobTaskStatQuery',
    'Struct',
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'power_scheduler.v1.JobTask read API',
      version: '1.0.0',
      description: 'SpaceONE JobTask `list` and `stat` served from an Elasticsearch read model.',
    },
    paths: {
      '/power_scheduler/v1/job-tasks': {
        get: {
          summary: 'List job tasks; JobTaskQuery as URL parameters, `query` JSON-encoded',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'domain_id', in: 'query', required: true, schema: { type: 'string' } },
            {
              name: 'query',
              in: 'query',
              required: false,
              schema: { type: 'string' },
              description: 'JSON Query',
            },
          ],
          responses: {
            '200': { description: 'JobTasksInfo', content: json({ type: 'object' }) },
            ...errors,
          },
        },
      },
      '/power_scheduler/v1/job-tasks/search': list,
      '/power-scheduler/job-task/list': list,
      '/power_scheduler/v1/job-tasks/stat': stat,
      '/power-scheduler/job-task/stat': stat,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        JobTaskQuery: toSchema(jobTaskQuerySchema) as never,
        JobTaskStatQuery: toSchema(jobTaskStatQuerySchema) as never,
      },
    },
  };
}

export function installOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
}
