// Stand-in for react-devtools-core: Ink only connects to devtools when DEV=true.
export default { initialize() {}, connectToDevTools() {} };
