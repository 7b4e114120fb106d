import {describe, expect, it} from 'vitest'
import {checkCreateOptions, parseTags} from '../../packages/cli/src/lib/apis/create-options.js'
import type {ApigwError} from '../../packages/cli/src/lib/errors.js'

const refusal = (check: () => unknown) => {
  try {
    check()
  } catch (error) {
    return error as ApigwError
  }
  return expect.unreachable('the options were accepted')
}

describe('parseTags', () => {
  it('splits at the first "=", so values may contain "=" or be empty', () => {
    expect(parseTags(['team=payments', 'query=a=b', 'empty='])).toEqual({team: 'payments', query: 'a=b', empty: ''})
  })

  it.each([
    ['team', 'a tag is key=value'],
    ['=x', 'the key is empty'],
    [`${'k'.repeat(129)}=v`, 'the key is longer than 128 characters'],
    [`k=${'v'.repeat(257)}`, 'the value is longer than 256 characters'],
    ['AWS:owner=me', 'keys starting with "aws:" are reserved by AWS'],
    ['team=a;b', 'tags may contain only letters'],
  ])('refuses %s (usage error, code INVALID_TAG)', (pair, why) => {
    const error = refusal(() => parseTags([pair]))
    expect(error).toMatchObject({exitCode: 2, code: 'INVALID_TAG'})
    expect(error.message).toContain(why)
  })

  it('refuses a key given twice rather than keeping one silently', () => {
    expect(refusal(() => parseTags(['env=prod', 'env=dev'])).message).toBe('--tag "env=dev": the key "env" is given twice.')
  })
})

describe('checkCreateOptions', () => {
  it('defaults the WebSocket route selection expression, and sets none for other kinds', () => {
    expect(checkCreateOptions({name: 'chat', type: 'websocket'})).toEqual({name: 'chat', type: 'websocket', routeSelection: '$request.body.action', tags: {}})
    expect(checkCreateOptions({name: 'shop', type: 'rest', tags: ['a=1']})).toEqual({name: 'shop', type: 'rest', routeSelection: undefined, tags: {a: '1'}})
  })

  it('takes a Lambda function ARN (with an alias) or an http(s) URL as a target', () => {
    for (const target of ['arn:aws:lambda:eu-west-1:123456789012:function:orders:live', 'arn:aws-cn:lambda:cn-north-1:123456789012:function:o', 'http://10.0.0.1:8080/x']) {
      expect(checkCreateOptions({name: 'o', type: 'http', target}).target).toBe(target)
    }
    expect(refusal(() => checkCreateOptions({name: 'o', type: 'http', target: 'arn:aws:lambda:eu-west-1:123:function:orders'})).code).toBe('INVALID_TARGET')
  })

  it('allows REST names up to 1024 characters, v2 names up to 128', () => {
    expect(checkCreateOptions({name: 'n'.repeat(1024), type: 'rest'}).name).toHaveLength(1024)
    expect(refusal(() => checkCreateOptions({name: 'n'.repeat(1025), type: 'rest'})).message).toBe('--name is 1025 characters long; --type rest allows at most 1024.')
    expect(refusal(() => checkCreateOptions({name: 'n'.repeat(129), type: 'websocket'})).code).toBe('INVALID_NAME')
  })

  it('refuses a blank name and an empty description', () => {
    expect(refusal(() => checkCreateOptions({name: '  ', type: 'rest'})).code).toBe('INVALID_NAME')
    expect(refusal(() => checkCreateOptions({name: 'x', type: 'rest', description: ''})).code).toBe('INVALID_DESCRIPTION')
  })
})
