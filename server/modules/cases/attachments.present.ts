/** An attachment as the API answers it (without its content). */
export const presentAttachment = (a: { id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; description: string | null; created_at: Date; uploader_name: string }) => ({
  id: a.id,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
  description: a.description,
  uploadedByName: a.uploader_name,
  createdAt: a.created_at.toISOString(),
});
