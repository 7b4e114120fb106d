import type {SandboxContext} from '../context.js'
import {badRequest, type Router} from '../http.js'
import {findDeployment, requireApi, requireStage} from './lookup.js'
import {exportDocument, exportVersion, renderJson, renderYaml, type ExportType} from './openapi-export.js'

const EXPORT_TYPES: ExportType[] = ['oas30', 'swagger']
const YAML = 'application/yaml'

/** GetExport: the definition of what a stage serves, i.e. the resources of the deployment it points at. */
export function registerExport(router: Router, context: SandboxContext): void {
  router.add('GET', '/restapis/{restapi_id}/stages/{stage_name}/exports/{export_type}', (request, {restapi_id, stage_name, export_type}) => {
    const api = requireApi(context, restapi_id)
    const stage = requireStage(context, restapi_id, stage_name)
    const type = export_type as ExportType
    if (!EXPORT_TYPES.includes(type)) throw badRequest(`Invalid export type specified: ${export_type}. Valid options are ${EXPORT_TYPES.join(',')}`)
    const deployment = findDeployment(context, restapi_id, stage.deploymentId)
    const deployedAt = deployment?.createdDate ?? stage.createdDate
    const source = {
      api,
      resources: deployment?.resources ?? [],
      stageName: stage.stageName,
      deployedAt,
      region: context.region,
      type,
      extensions: (request.query.get('extensions') ?? '').split(',').map((name) => name.trim()),
    }
    // The SDKs send `Accept: application/json` unless told otherwise; AWS labels JSON exports octet-stream.
    const yaml = String(request.headers.accept ?? '').includes(YAML)
    const document = exportDocument(source)
    return {
      status: 200,
      body: Buffer.from(yaml ? renderYaml(document) : renderJson(document)),
      headers: {
        'content-type': yaml ? YAML : 'application/octet-stream',
        'content-disposition': `attachment; filename="${type}_${exportVersion(source)}.${yaml ? 'yaml' : 'json'}"`,
      },
    }
  })
}
