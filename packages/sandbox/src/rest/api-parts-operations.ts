/**
 * The operations on the parts of a REST API kept in its record (models, request validators,
 * gateway responses, authorizers), `METHOD /path` as AWS's service model maps them; operations.ts
 * adds them to the REST operations. Data only: the contract imports it.
 */
export const API_PART_OPERATIONS: Record<string, string> = {
  CreateModel: 'POST /restapis/{id}/models',
  GetModels: 'GET /restapis/{id}/models',
  GetModel: 'GET /restapis/{id}/models/{model}',
  UpdateModel: 'PATCH /restapis/{id}/models/{model}',
  DeleteModel: 'DELETE /restapis/{id}/models/{model}',
  CreateRequestValidator: 'POST /restapis/{id}/requestvalidators',
  GetRequestValidators: 'GET /restapis/{id}/requestvalidators',
  GetRequestValidator: 'GET /restapis/{id}/requestvalidators/{validator}',
  UpdateRequestValidator: 'PATCH /restapis/{id}/requestvalidators/{validator}',
  DeleteRequestValidator: 'DELETE /restapis/{id}/requestvalidators/{validator}',
  PutGatewayResponse: 'PUT /restapis/{id}/gatewayresponses/{type}',
  GetGatewayResponses: 'GET /restapis/{id}/gatewayresponses',
  GetGatewayResponse: 'GET /restapis/{id}/gatewayresponses/{type}',
  UpdateGatewayResponse: 'PATCH /restapis/{id}/gatewayresponses/{type}',
  DeleteGatewayResponse: 'DELETE /restapis/{id}/gatewayresponses/{type}',
  CreateAuthorizer: 'POST /restapis/{id}/authorizers',
  GetAuthorizers: 'GET /restapis/{id}/authorizers',
  GetAuthorizer: 'GET /restapis/{id}/authorizers/{authorizer}',
  UpdateAuthorizer: 'PATCH /restapis/{id}/authorizers/{authorizer}',
  DeleteAuthorizer: 'DELETE /restapis/{id}/authorizers/{authorizer}',
  TestInvokeAuthorizer: 'POST /restapis/{id}/authorizers/{authorizer}',
}
