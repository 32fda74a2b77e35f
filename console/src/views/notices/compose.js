// Composing a notice: the live preview (each field as WeChat would show it,
// with the API's reason when it would be refused) and the body for
// POST /notices/preview and POST /notices.
import { checkValues, counter } from './fieldRules'
import { audienceOf, scheduleProblem, sendsNow } from './audience'

/** The preview card's rows: [{key, label, type, value, shown, problem, counter, shortened}]. */
export function previewRows(template, values, shorten = false) {
  const checked = checkValues(template, values, shorten)
  return ((template && template.fields) || []).map((field) => {
    const typed = (values && values[field.key]) || ''
    const cut = checked.shortened.find((s) => s.key === field.key)
    return {
      key: field.key,
      label: field.label,
      type: field.type,
      rule: field.rule || '',
      value: typed,
      shown: field.key in checked.values ? checked.values[field.key] : typed,
      // An empty field is not an error while typing; composeBody flags it before sending.
      problem: typed.trim() ? checked.problems[field.key] || null : null,
      counter: counter(field, typed),
      shortened: Boolean(cut),
    }
  })
}

/**
 * input: {template, values, shorten, page, audience: picker form, sendAt}
 * -> {body, problems: {field: message}}; send only when problems is empty.
 */
export function composeBody(input, now = new Date()) {
  const problems = {}
  const { template } = input
  if (!template) problems.template_id = '请选择通知模板'
  const checked = checkValues(template, input.values || {}, Boolean(input.shorten))
  Object.assign(problems, checked.problems)
  const values = {}
  for (const field of (template && template.fields) || []) values[field.key] = String((input.values || {})[field.key] || '').trim()
  const { audience, problem } = audienceOf(input.audience || {})
  if (problem) problems.audience = problem
  const body = { template_id: template ? template.id : '', values, shorten: Boolean(input.shorten), audience }
  if (input.page) body.page = input.page
  const late = scheduleProblem(input.sendAt, now)
  if (late) problems.send_at = late
  if (input.sendAt && !sendsNow(input.sendAt, now)) body.send_at = new Date(input.sendAt).toISOString()
  return { body, problems }
}

/** The API's field errors (422 field_invalid: details.fields) as {key: message}, or {}. */
export function apiFieldProblems(error) {
  const details = error && error.fields
  if (!details) return {}
  if (details.fields && typeof details.fields === 'object') return { ...details.fields }
  const json = details.json || {}
  const out = {}
  for (const [key, messages] of Object.entries(json.values || {})) out[key] = [].concat(messages).join('；')
  return out
}
