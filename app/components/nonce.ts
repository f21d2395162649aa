// The CSP nonce of this response (set by entry.server.tsx). In the browser it is undefined:
// the nonce attribute only matters in the HTML the server sends.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
