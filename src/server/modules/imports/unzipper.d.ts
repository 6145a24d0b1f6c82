// The part of unzipper (exceljs's own zip reader) the import uses: the central directory of a file.
declare module 'unzipper' {
  interface CentralDirectoryFile {
    path: string;
    buffer(): Promise<Buffer>;
  }
  const unzipper: {
    Open: { file(path: string): Promise<{ files: CentralDirectoryFile[] }> };
  };
  export default unzipper;
}
