var \u0061b=function(){};var é=()=>{}
let x =class{}