import {ApigwCommand} from '../../cli/base-command.js'
import {canaryChangeView, canaryFlags} from '../../cli/canary-flags.js'
import {Flags} from '../../cli/oclif/command.js'
import {parseOverrides, parsePercentFlag, prepareSet} from '../../lib/canary/index.js'
import {usageError} from '../../lib/errors.js'

export default class CanarySet extends ApigwCommand {
  static summary = "change a REST stage's canary: its share of traffic, variable overrides, stage cache use"
  static description =
    'One UpdateStage with the canary paths: replace /canarySettings/percentTraffic, replace or remove /canarySettings/stageVariableOverrides/<name>, replace /canarySettings/useStageCache; only what differs is sent. The stage is read again just before the change, and if someone else changed its canary meanwhile nothing is written (exit 5, STAGE_CHANGED); it is read back after it, and if another change landed meanwhile the command says so and exits 5 (CHANGED_MEANWHILE), never printing a value it did not write. Raising the share is destructive (more users get the canary: needs --yes without a terminal); lowering it and the other settings are not. A stage without canary: exit 5, start one with apigw canary start.'

  static examples = [
    'apigw canary set --api shop --stage prod --percent 25 --yes',
    'apigw canary set --api shop --stage prod --var backend=v3 --unset-var legacy',
    'apigw canary set --api shop --stage prod --percent 5 --use-stage-cache on --dry-run',
  ]

  static flags = {
    ...canaryFlags,
    percent: Flags.string({description: "the canary's share of traffic, 0–100"}),
    var: Flags.string({description: 'override a stage variable for canary requests, name=value (repeatable)', multiple: true}),
    'unset-var': Flags.string({description: 'drop a variable override of the canary (repeatable)', multiple: true}),
    'use-stage-cache': Flags.option({options: ['on', 'off'] as const, description: 'whether canary requests use the stage cache'})(),
  }

  async run(): Promise<void> {
    const {flags} = await this.parseFlags(CanarySet)
    // Checked before the session exists: a malformed value never reaches AWS.
    const percent = flags.percent === undefined ? undefined : parsePercentFlag(flags.percent)
    const {overrides, unsetOverrides} = parseOverrides(flags.var, flags['unset-var'])
    const useStageCache = flags['use-stage-cache'] === undefined ? undefined : flags['use-stage-cache'] === 'on'
    if (percent === undefined && useStageCache === undefined && Object.keys(overrides).length + unsetOverrides.length === 0) {
      throw usageError('Nothing to set: give at least one of --percent, --var, --unset-var, --use-stage-cache.', ['Try: apigw canary set --api <api> --stage <stage> --percent 25'], 'NO_SETTINGS')
    }
    const prepared = await prepareSet(await this.session(), {api: flags.api, stage: flags.stage, percent, overrides, unsetOverrides, useStageCache})
    await this.applyChange(prepared, {dryRun: flags['dry-run'], view: canaryChangeView})
  }
}
