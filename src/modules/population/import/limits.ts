/** The Ministry's monthly files are well under this; a county's single-age CSV is about 1 MB. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
