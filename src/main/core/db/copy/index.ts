export { copyFolderToPostgres, copyPostgresToFolder, type CopyOptions, type CopyResult } from './copy';
export { formatDigest, type TableDigest } from './digest';
