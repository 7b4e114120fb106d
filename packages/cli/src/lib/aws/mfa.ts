import {ApigwError, ExitCode} from '../errors.js'
import {shellQuote} from '../util/shell.js'

/** Asks the operator for the current code of an MFA device (a prompt on the terminal). */
export type MfaCodeAsker = (mfaSerial: string) => Promise<string>

/**
 * The code of the MFA device `mfaSerial`, from `ask`; without one (no terminal, or CI) a
 * configuration error that says how to get credentials another way.
 */
export function mfaCode(ask: MfaCodeAsker | undefined, mfaSerial: string, target: {profile?: string; roleArn?: string; sourceProfile?: string}): Promise<string> {
  if (ask) return ask(mfaSerial)
  const profile = target.profile ? `Profile "${target.profile}"` : 'The profile'
  const role = target.roleArn ?? '<role arn>'
  return Promise.reject(
    new ApigwError(`${profile} assumes a role with MFA (mfa_serial ${mfaSerial}), and there is no terminal to ask for the code on.`, {
      code: 'MFA_CODE_REQUIRED',
      exitCode: ExitCode.config,
      suggestions: [
        `Try: run one apigw command with ${target.profile ? `--profile ${target.profile}` : 'this profile'} in a terminal: it asks for the code once and caches the role's credentials (~/.aws/cli/cache, shared with the AWS CLI) until they expire`,
        `Or: aws sts assume-role --role-arn ${shellQuote(role)} --role-session-name apigw --serial-number ${shellQuote(mfaSerial)} --token-code <code>${target.sourceProfile ? ` --profile ${shellQuote(target.sourceProfile)}` : ''}, then export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from its answer and run apigw without a profile (unset AWS_PROFILE)`,
      ],
    }),
  )
}
