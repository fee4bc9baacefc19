/** The cause of a failed file operation in plain words ("disk full", "permission denied"). */
export function plainCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return 'disk full';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENOENT':
      return 'folder does not exist';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EISDIR':
      return 'it is a folder';
    case 'EEXIST':
      return 'a file is in the way';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error on the disk';
    default:
      return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  }
}
