import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readDefinition} from '../../packages/cli/src/lib/openapi/definition-file.js'
import {checkKindFits, kindSignals, kindToCreate} from '../../packages/cli/src/lib/openapi/kind.js'

const dir = mkdtempSync(join(tmpdir(), 'apigw-definition-'))
function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('readDefinition', () => {
  it('reads YAML and JSON, by extension or by a leading brace', async () => {
    const yaml = await readDefinition('examples/shop.yaml')
    expect(yaml).toMatchObject({spec: 'openapi3', path: 'examples/shop.yaml'})
    expect(yaml.bytes).toBe(Buffer.byteLength(yaml.text))
    const json = await readDefinition(file('api.def', JSON.stringify({swagger: '2.0', info: {title: 't'}, paths: {}})))
    expect(json.spec).toBe('swagger2')
    // A YAML file may open with "{": JSON, or a YAML flow mapping that is not JSON.
    expect((await readDefinition(file('json.yaml', '{"openapi": "3.0.1", "info": {"title": "t"}, "paths": {}}'))).document.info).toEqual({title: 't'})
    expect((await readDefinition(file('flow.yaml', '{openapi: 3.0.1, info: {title: t}, paths: {}}'))).document.info).toEqual({title: 't'})
  })

  it('fails with exit 2 and the problem\'s line', async () => {
    await expect(readDefinition(file('dup.yaml', 'openapi: 3.0.1\ninfo: {title: t}\npaths: {}\npaths: {}\n'))).rejects.toMatchObject({
      exitCode: 2,
      code: 'INVALID_DEFINITION',
      message: expect.stringContaining('at line 4, column 1: Map keys must be unique'),
    })
    await expect(readDefinition(file('list.yaml', '- a\n- b\n'))).rejects.toMatchObject({exitCode: 2, message: expect.stringContaining('it holds a list, not a mapping of OpenAPI fields')})
    await expect(readDefinition(file('untitled.json', '{"openapi": "3.0.2",\n "info": {},\n "paths": {}}'))).rejects.toMatchObject({
      message: expect.stringContaining('line 2: info.title is missing: it names the API'),
    })
  })
})

describe('kind detection', () => {
  it('tells the examples apart: petstore and shop are REST, http-api is HTTP', async () => {
    expect(kindToCreate(await readDefinition('examples/petstore.yaml'), undefined)).toBe('rest')
    expect(kindToCreate(await readDefinition('examples/shop.yaml'), undefined)).toBe('rest')
    expect(kindToCreate(await readDefinition('examples/http-api.yaml'), undefined)).toBe('http')
  })

  it('names what it went by', async () => {
    const signals = kindSignals(await readDefinition('examples/http-api.yaml'))
    expect(signals.rest).toEqual([])
    expect(signals.http).toEqual(['x-amazon-apigateway-cors', 'integration payloadFormatVersion on GET /plants', 'integration payloadFormatVersion on POST /plants', 'integration payloadFormatVersion on GET /plants/{plantId}/waterings', 'integration payloadFormatVersion on ANY /health'])
  })

  it('takes Swagger 2.0 as REST, and refuses it as HTTP', async () => {
    const swagger = await readDefinition(file('swagger.yaml', "swagger: '2.0'\ninfo: {title: t}\npaths: {}\n"))
    expect(kindToCreate(swagger, undefined)).toBe('rest')
    expect(() => kindToCreate(swagger, 'http')).toThrow('is Swagger 2.0, and HTTP APIs import OpenAPI 3.0 only.')
  })

  it('asks for --type when the file says nothing, or both', async () => {
    const neither = await readDefinition(file('neither.yaml', 'openapi: 3.0.1\ninfo: {title: t}\npaths: {/a: {get: {}}}\n'))
    expect(() => kindToCreate(neither, undefined)).toThrow(/it uses no API Gateway feature that only one kind has/)
    expect(kindToCreate(neither, 'http')).toBe('http')
    const both = await readDefinition(file('both.yaml', "openapi: 3.0.1\ninfo: {title: t}\nx-amazon-apigateway-cors: {}\npaths: {/a: {get: {x-amazon-apigateway-integration: {type: mock}}}}\n"))
    expect(() => kindToCreate(both, undefined)).toThrow('it has REST-only features (a mock integration on GET /a) and HTTP-only ones (x-amazon-apigateway-cors)')
  })

  it('lets an unclear file into an API of either kind, but not a clear one into the other kind', async () => {
    const neither = await readDefinition(file('neither.yaml', 'openapi: 3.0.1\ninfo: {title: t}\npaths: {}\n'))
    expect(() => checkKindFits(neither, undefined, {id: 'a1', name: 'x', kind: 'http'})).not.toThrow()
    const rest = await readDefinition('examples/petstore.yaml')
    expect(() => checkKindFits(rest, undefined, {id: 'a1', name: 'x', kind: 'http'})).toThrow(/is a definition of a REST API \(.*\), but "x" \(a1\) is an HTTP API\./)
    expect(() => checkKindFits(neither, 'rest', {id: 'a1', name: 'x', kind: 'http'})).toThrow('(--type rest)')
  })
})
