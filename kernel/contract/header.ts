/** The header of a Jupyter message (messaging 5.x): what both threads use to name a request. */
export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}
