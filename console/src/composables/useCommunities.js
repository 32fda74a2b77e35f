// The seven communities for a page's filters and forms, loaded once the page mounts.
import { onMounted, ref } from 'vue'
import { authApi } from '../api/auth'

export function useCommunities() {
  const communities = ref([])
  onMounted(async () => {
    communities.value = await authApi.communities().catch(() => [])
  })
  return communities
}
