// The password every test user is given (one copy, issue 15 item 10). Long enough for the
// password policy and absent from the breached-password list; the demo seed's is DEMO_PASSWORD.
export const PASSWORD = "correct horse battery staple";
