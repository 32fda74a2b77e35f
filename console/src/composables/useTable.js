// A table whose paging, sorting and filtering happen on the server. `fetchPage`
// gets {limit, offset, sort, order, ...filters} and returns either
// {items, total} or a plain array (then `total` is unknown and the pager offers
// "next" while a page comes back full).
import { reactive, ref } from 'vue'

export function pageQuery(state) {
  const query = { limit: state.pageSize, offset: (state.page - 1) * state.pageSize }
  if (state.sort) {
    query.sort = state.sort
    query.order = state.order
  }
  for (const [key, value] of Object.entries(state.filters)) {
    if (value !== undefined && value !== null && value !== '') query[key] = value
  }
  return query
}

export function useTable(fetchPage, { pageSize = 20, filters = {} } = {}) {
  const state = reactive({ page: 1, pageSize, sort: null, order: null, filters: { ...filters } })
  const rows = ref([])
  const total = ref(0)
  const loading = ref(false)
  let latest = 0

  async function load() {
    const ticket = ++latest
    loading.value = true
    try {
      const answer = await fetchPage(pageQuery(state))
      if (ticket !== latest) return // a newer request answered first
      if (Array.isArray(answer)) {
        rows.value = answer
        const seen = (state.page - 1) * state.pageSize + answer.length
        total.value = answer.length === state.pageSize ? seen + 1 : seen
      } else {
        rows.value = answer.items
        total.value = answer.total ?? answer.items.length
      }
    } catch {
      if (ticket === latest) rows.value = []
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  function search() {
    state.page = 1
    return load()
  }

  function onSort({ prop, order }) {
    state.sort = order ? prop : null
    state.order = order === 'ascending' ? 'asc' : order === 'descending' ? 'desc' : null
    return search()
  }

  function onPage(page) {
    state.page = page
    return load()
  }

  return { state, rows, total, loading, load, search, onSort, onPage }
}
