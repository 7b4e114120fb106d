/**
 * The shell functions that complete names. They ask `apigw __complete words …` what goes where the
 * cursor is (it answers nothing where no name goes, and nothing on any failure), and otherwise hand
 * over to oclif's completion of commands and flags (`apigw autocomplete`), when it is installed.
 * stdin is /dev/null and stderr discarded, so nothing can prompt or print into the command line.
 */

export const COMPLETION_SHELLS = ['bash', 'zsh'] as const
export type CompletionShell = (typeof COMPLETION_SHELLS)[number]

const BASH = `# apigw: completion of API, stage, API key and usage plan names (bash)
_apigw_complete_names() {
  local cur=\${COMP_WORDS[COMP_CWORD]} names name
  if [[ $cur != -* ]] && (( COMP_CWORD > 1 )); then
    names=$(apigw __complete words "\${COMP_WORDS[@]:1:COMP_CWORD}" </dev/null 2>/dev/null)
  fi
  if [[ -n $names ]]; then
    COMPREPLY=()
    while IFS= read -r name; do
      [[ $name == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
    done <<< "$names"
  elif declare -F _apigw_autocomplete >/dev/null; then
    _apigw_autocomplete
  fi
}
complete -F _apigw_complete_names apigw
`

const ZSH = `# apigw: completion of API, stage, API key and usage plan names (zsh)
_apigw_complete_names() {
  local -a names
  if [[ $words[CURRENT] != -* ]] && (( CURRENT > 2 )); then
    names=(\${(f)"$(apigw __complete words "\${(@)words[2,CURRENT]}" </dev/null 2>/dev/null)"})
  fi
  if (( \${#names} )); then
    compadd -a names
  elif (( $+functions[_apigw] )); then
    _apigw "$@"
  fi
}
(( $+functions[compdef] )) || { autoload -Uz compinit && compinit }
compdef _apigw_complete_names apigw
`

export function completionScript(shell: CompletionShell): string {
  return shell === 'bash' ? BASH : ZSH
}
