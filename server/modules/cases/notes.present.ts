/** A case note as the API answers it. */
export const presentNote = (n: { id: string; body: string; sensitive: boolean; created_at: Date; author_id: string; author_name: string }) => ({
  id: n.id,
  body: n.body,
  sensitive: n.sensitive,
  authorId: n.author_id,
  authorName: n.author_name,
  createdAt: n.created_at.toISOString(),
});
