import {describe, expect, it} from 'vitest'
import {normalizeDefinition} from '../../packages/cli/src/lib/openapi/normalize.js'

const LAMBDA = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations'

/** A REST definition as someone writes it: shared parameters, its own scheme names, defaults left out. */
const written = {
  openapi: '3.0.1',
  info: {title: 'shop', version: '1'},
  paths: {
    '/orders/{orderId}/': {
      parameters: [{$ref: '#/components/parameters/OrderId'}, {name: 'X-Trace', in: 'header', required: true}],
      get: {
        security: [{key: []}],
        parameters: [{name: 'expand', in: 'query'}],
        responses: {'200': {description: 'the order'}},
        'x-amazon-apigateway-integration': {type: 'AWS_PROXY', httpMethod: 'post', uri: LAMBDA},
      },
    },
    '/health': {
      get: {
        responses: {},
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: {'application/json': '{"statusCode": 200}'},
          responses: {default: {statusCode: 200, responseTemplates: {'application/json': '{}'}}},
        },
      },
    },
  },
  components: {
    parameters: {OrderId: {name: 'orderId', in: 'path', required: true}},
    securitySchemes: {key: {type: 'apiKey', name: 'x-api-key', in: 'header'}},
  },
}

/** The same API as AWS exports it: its own order, scheme names, defaults written out, extras added. */
const exported = {
  openapi: '3.0.1',
  info: {title: 'shop', version: '2024-06-01T10:00:00Z'},
  servers: [{url: 'https://a1.execute-api.us-east-1.amazonaws.com/{basePath}', variables: {basePath: {default: 'prod'}}}],
  paths: {
    '/health': {
      get: {
        responses: {'200': {description: '200 response'}},
        'x-amazon-apigateway-integration': {
          responses: {default: {statusCode: '200', responseTemplates: {'application/json': '{}'}}},
          requestTemplates: {'application/json': '{"statusCode": 200}'},
          passthroughBehavior: 'when_no_match',
          timeoutInMillis: 29000,
          type: 'mock',
        },
      },
    },
    '/orders/{orderId}': {
      get: {
        parameters: [
          {name: 'orderId', in: 'path', required: true, schema: {type: 'string'}},
          {name: 'x-trace', in: 'header', required: true, schema: {type: 'string'}},
          {name: 'expand', in: 'query', schema: {type: 'string'}},
        ],
        security: [{api_key: []}],
        'x-amazon-apigateway-integration': {httpMethod: 'POST', uri: LAMBDA, passthroughBehavior: 'when_no_match', type: 'aws_proxy'},
      },
    },
  },
  components: {securitySchemes: {api_key: {type: 'apiKey', name: 'x-api-key', in: 'header'}}},
}

describe('normalizeDefinition', () => {
  it('reduces each operation to flat fields of what API Gateway does with it', () => {
    expect(Object.fromEntries(normalizeDefinition(written, 'rest'))).toEqual({
      'GET /orders/{orderId}': {
        'parameters.header[x-trace]': 'required',
        'parameters.query.expand': 'optional',
        authorization: 'NONE',
        apiKeyRequired: true,
        'integration.type': 'aws_proxy',
        'integration.httpMethod': 'POST',
        'integration.uri': LAMBDA,
      },
      'GET /health': {
        authorization: 'NONE',
        apiKeyRequired: false,
        'integration.type': 'mock',
        'integration.requestTemplates[application/json]': '{"statusCode": 200}',
        'integration.responses.default.statusCode': '200',
        'integration.responses.default.responseTemplates[application/json]': '{}',
      },
    })
  })

  it('gives the same result for a file and for AWS\'s export of it: order, case, scheme names, defaults and extras do not count', () => {
    expect(normalizeDefinition(exported, 'rest')).toEqual(normalizeDefinition(written, 'rest'))
  })

  it('keeps values that differ from the defaults', () => {
    const custom = structuredClone(exported)
    Object.assign(custom.paths['/health'].get['x-amazon-apigateway-integration'], {passthroughBehavior: 'NEVER', timeoutInMillis: 5000})
    expect(normalizeDefinition(custom, 'rest').get('GET /health')).toMatchObject({'integration.passthroughBehavior': 'never', 'integration.timeoutInMillis': 5000})
  })

  it('reads Swagger 2.0 the same way as OpenAPI 3.0', () => {
    const swagger = {
      swagger: '2.0',
      info: {title: 'shop'},
      paths: {
        '/orders/{orderId}': {
          get: {
            parameters: [
              {name: 'orderId', in: 'path', required: true, type: 'string'},
              {name: 'X-Trace', in: 'header', required: true, type: 'string'},
              {name: 'expand', in: 'query', required: false, type: 'string'},
            ],
            security: [{api_key: []}],
            'x-amazon-apigateway-integration': {type: 'aws_proxy', httpMethod: 'POST', uri: LAMBDA},
          },
        },
      },
      securityDefinitions: {api_key: {type: 'apiKey', name: 'x-api-key', in: 'header'}},
    }
    expect(normalizeDefinition(swagger, 'rest').get('GET /orders/{orderId}')).toEqual(normalizeDefinition(written, 'rest').get('GET /orders/{orderId}'))
  })

  it('applies document-level security unless an operation sets its own, even an empty one', () => {
    const document = {
      openapi: '3.0.1',
      security: [{iam: []}],
      paths: {'/a': {get: {}, post: {security: []}}},
      components: {securitySchemes: {iam: {type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authtype': 'awsSigv4'}}},
    }
    const operations = normalizeDefinition(document, 'rest')
    expect(operations.get('GET /a')).toEqual({authorization: 'AWS_IAM', apiKeyRequired: false})
    expect(operations.get('POST /a')).toEqual({authorization: 'NONE', apiKeyRequired: false})
  })

  it('names a REST authorizer, its settings and scopes, leaving out the default cache TTL', () => {
    const document = {
      openapi: '3.0.1',
      paths: {'/a': {get: {security: [{'shop-auth': ['orders/read', 'orders/admin']}]}}},
      components: {
        securitySchemes: {
          'shop-auth': {
            type: 'apiKey',
            name: 'Authorization',
            in: 'header',
            'x-amazon-apigateway-authtype': 'custom',
            'x-amazon-apigateway-authorizer': {type: 'TOKEN', authorizerUri: LAMBDA, authorizerResultTtlInSeconds: 300, identitySource: 'method.request.header.Authorization'},
          },
        },
      },
    }
    expect(normalizeDefinition(document, 'rest').get('GET /a')).toEqual({
      authorization: 'CUSTOM',
      apiKeyRequired: false,
      authorizer: 'shop-auth',
      'authorizer.type': 'token',
      'authorizer.authorizerUri': LAMBDA,
      'authorizer.identitySource': 'method.request.header.Authorization',
      'authorization.scopes': 'orders/admin, orders/read',
    })
  })

  it('for HTTP APIs: no parameters or API keys, shared integrations resolved, HTTP API defaults dropped, the $default route by its key', () => {
    const document = {
      openapi: '3.0.1',
      paths: {
        '/plants/{plantId}': {
          get: {
            parameters: [{name: 'plantId', in: 'path', required: true}, {name: 'page', in: 'query'}],
            security: [{jwt: ['plants']}],
            'x-amazon-apigateway-integration': {$ref: '#/components/x-amazon-apigateway-integrations/plants'},
          },
        },
        $default: {'x-amazon-apigateway-any-method': {'x-amazon-apigateway-integration': {type: 'aws_proxy', uri: LAMBDA, payloadFormatVersion: '2.0', timeoutInMillis: 30000}}},
      },
      components: {
        securitySchemes: {jwt: {type: 'oauth2', 'x-amazon-apigateway-authorizer': {type: 'jwt', identitySource: '$request.header.Authorization', jwtConfiguration: {issuer: 'https://id.example.com', audience: ['shop']}}}},
        'x-amazon-apigateway-integrations': {plants: {type: 'http_proxy', httpMethod: 'GET', uri: 'https://plants.example.com', payloadFormatVersion: '1.0', connectionType: 'INTERNET'}},
      },
    }
    expect(Object.fromEntries(normalizeDefinition(document, 'http'))).toEqual({
      'GET /plants/{plantId}': {
        authorization: 'JWT',
        authorizer: 'jwt',
        'authorizer.type': 'jwt',
        'authorizer.identitySource': '$request.header.Authorization',
        'authorizer.jwtConfiguration.issuer': 'https://id.example.com',
        'authorizer.jwtConfiguration.audience': 'shop',
        'authorization.scopes': 'plants',
        'integration.type': 'http_proxy',
        'integration.httpMethod': 'GET',
        'integration.uri': 'https://plants.example.com',
      },
      $default: {authorization: 'NONE', 'integration.type': 'aws_proxy', 'integration.uri': LAMBDA, 'integration.payloadFormatVersion': '2.0'},
    })
  })
})
