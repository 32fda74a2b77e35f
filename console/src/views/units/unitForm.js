// The unit profile form: which fields a person may change, and the PATCH body of what changed.
import { PROFILE_FIELDS } from '../../api/units'

export const ALL_FIELDS = ['name', 'kind', 'level', 'community_id', 'joined_on', ...PROFILE_FIELDS]

/** The fields this person may edit: the office all (status has its own action), the unit's side its profile. */
export function editableFields(unit, isAdmin) {
  if (isAdmin) return ALL_FIELDS
  return unit && unit.can_edit_profile ? PROFILE_FIELDS : []
}

/** Only the editable fields that differ from the unit as loaded; '' is sent as null. */
export function profileChanges(unit, form, fields) {
  const changes = {}
  for (const field of fields) {
    const before = field === 'community_id' ? unit.community?.id ?? null : unit[field] ?? null
    let after = form[field]
    if (after === '' || after === undefined) after = null
    if (after !== before) changes[field] = after
  }
  return changes
}
