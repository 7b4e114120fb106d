import {ApigwCommand} from '../../cli/base-command.js'
import {listPlans} from '../../lib/usage-plans/index.js'

export default class PlansList extends ApigwCommand {
  static summary = 'list usage plans with their API stages, throttle, quota and number of keys'
  static description = 'GetUsagePlans (pages of 500), with API stages named by API (GetRestApis) and each plan\'s keys counted (GetUsagePlanKeys, a few plans at a time).'
  static examples = ['apigw plans list', "apigw plans list --json --query 'plans[?keyCount==`0`].name'"]

  async run(): Promise<void> {
    await this.parseFlags(PlansList)
    await this.emit({data: await listPlans(await this.session()), view: async () => (await import('../../cli/ui/plans-view.js')).plansListView})
  }
}
