// The event form's body and its field errors, apart from Vue so they are tested.

/** The JSON body for POST /events (or PATCH: no kind, no host). Blank text becomes null. */
export function eventBody(form, { editing = false } = {}) {
  const body = {
    title: form.title.trim(),
    starts_at: form.range[0],
    ends_at: form.range[1],
    venue: form.venue.trim() || null,
    capacity: form.capacity || null,
    registration_required: form.registration_required,
    description: form.description.trim() || null,
  }
  if (form.kind === 'lecture') body.speaker = form.speaker.trim() || null
  if (!editing) {
    body.kind = form.kind
    body.host_community_id = form.host_community_id || null
  }
  return body
}

/** {field: [Chinese messages]} from a 422's details ({json: {field: [...]}}), else {}. */
export function fieldErrors(error) {
  const details = error && error.fields
  if (!details || typeof details !== 'object') return {}
  const byField = details.json || details
  const out = {}
  for (const [field, messages] of Object.entries(byField)) {
    out[field] = Array.isArray(messages) ? messages.filter((m) => typeof m === 'string') : [String(messages)]
  }
  return out
}
